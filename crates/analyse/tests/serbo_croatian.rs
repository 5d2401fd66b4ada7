//! Articles in Serbian, Croatian or Bosnian are read with their own tagger model: people are
//! people, and the case forms of countries and cities are places, not people.

use model::Article;

const TEXT: &str = "Hrvatski premijer Andrej Plenković sastao se u ponedjeljak u Zagrebu s \
    predsjednikom Europske komisije Ursulom von der Leyen. Razgovarali su o pomoći Bosni i \
    Hercegovini i o odnosima sa Srbijom. „Hrvatska će nastaviti podržavati europski put \
    susjeda“, rekao je Plenković novinarima nakon sastanka. Von der Leyen je istaknula da \
    Europska unija očekuje reforme u Srbiji i Crnoj Gori, a ministar vanjskih poslova Gordan \
    Grlić Radman otputovat će u Beograd idući tjedan.";

fn analysed(language: Option<&str>) -> model::Analysis {
    let article = Article {
        text: TEXT.to_string(),
        language: language.map(str::to_string),
        ..Article::default()
    };
    analyse::enrich(article).analysis
}

#[test]
fn croatian_article_names_its_people_and_no_country_as_a_person() {
    let a = analysed(Some("hr"));
    let mut people: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
    people.sort_unstable();
    // Case endings stay on names for now ("Ursulom": instrumental).
    assert_eq!(
        people,
        [
            "Andrej Plenković",
            "Gordan Grlić Radman",
            "Ursulom von der Leyen"
        ]
    );
    let plenkovic = a.people.iter().find(|p| p.name == "Andrej Plenković");
    assert_eq!(
        plenkovic.map(|p| p.mentions.len()),
        Some(2),
        "{:#?}",
        a.people
    );
}

#[test]
fn croatian_article_places_in_their_case_forms_have_countries() {
    let a = analysed(Some("hr"));
    let country = |name: &str| {
        a.places
            .iter()
            .find(|p| p.name == name || p.aliases.iter().any(|al| al == name))
            .and_then(|p| p.country.as_deref())
    };
    assert_eq!(country("Zagrebu"), Some("HR"), "{:#?}", a.places);
    assert_eq!(
        country("Bosni i Hercegovini"),
        Some("BA"),
        "{:#?}",
        a.places
    );
    assert_eq!(country("Srbijom"), Some("RS"), "{:#?}", a.places);
    assert_eq!(country("Beograd"), Some("RS"), "{:#?}", a.places);
}

#[test]
fn a_title_owned_by_a_country_in_the_genitive_in_either_script() {
    for (text, name) in [
        (
            "Predsednik Crne Gore Milo Đukanović sastao se u sredu u Briselu sa Jensom \
             Stoltenbergom.",
            "Milo Đukanović",
        ),
        (
            "Председник Црне Горе Мило Ђукановић састао се у среду у Бриселу са Јенсом \
             Столтенбергом.",
            "Мило Ђукановић",
        ),
    ] {
        let article = Article {
            text: text.to_string(),
            language: Some("sr".to_string()),
            ..Article::default()
        };
        let a = analyse::enrich(article).analysis;
        let person = a.people.iter().find(|p| p.name == name);
        let role = person.and_then(|p| p.roles.first());
        assert_eq!(
            role.map(|r| (r.title.as_str(), r.country.as_deref())),
            Some(("President", Some("ME"))),
            "{:#?}",
            a.people
        );
        assert!(
            a.places.iter().any(|p| p.country.as_deref() == Some("ME")),
            "{:#?}",
            a.places
        );
    }
}
