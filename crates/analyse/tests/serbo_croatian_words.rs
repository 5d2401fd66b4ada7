//! Words of Serbian, Croatian and Bosnian news that look like names and are not: acronyms with
//! a case ending ("UN-a"), the nouns for peoples ("Grci", Greeks) and possessive adjectives of
//! surnames ("Miloševićev", Milošević's).

mod text_common;

use text_common::analysed;

fn people(a: &model::Analysis) -> Vec<&str> {
    let mut names: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    names
}

#[test]
fn an_acronym_in_the_genitive_owns_the_title_before_it() {
    let a = analysed(
        "Glavni tajnik UN-a Ban Ki-moon stigao je u Sarajevo. Predstavnici EU-a također su \
         bili prisutni na sastanku.",
        "hr",
    );
    assert_eq!(people(&a), ["Ban Ki-moon"], "{:#?}", a.people);
    let role = &a.people[0].roles;
    assert_eq!(role.len(), 1, "{role:#?}");
    assert_eq!(role[0].title, "Secretary General");
    assert_eq!(role[0].of.as_deref(), Some("UN"));
    let keys: Vec<&str> = a.organisations.iter().map(|o| o.key.as_str()).collect();
    assert!(keys.contains(&"united nations"), "{keys:?}");
    assert!(keys.contains(&"european union"), "{keys:?}");
}

#[test]
fn an_acronym_in_the_genitive_owns_the_title_in_cyrillic_too() {
    let a = analysed(
        "Генерални секретар НАТО-а Јенс Столтенберг разговарао је у Бриселу о сарадњи.",
        "sr",
    );
    assert_eq!(people(&a), ["Јенс Столтенберг"], "{:#?}", a.people);
    assert_eq!(a.people[0].roles[0].of.as_deref(), Some("НАТО"));
}

#[test]
fn peoples_and_possessives_are_not_persons() {
    let a = analysed(
        "Grci su izašli na izbore u nedjelju. Miloševićev režim pao je 2000. godine, a \
         Tadićeva vlada pala je kasnije. Predsjednik Srbije Boris Tadić rekao je da Srbe i \
         Hrvate čeka zajednička budućnost.",
        "hr",
    );
    assert_eq!(people(&a), ["Boris Tadić"], "{:#?}", a.people);
    let a = analysed(
        "Premijer Turske Recep Tayyip Erdogan stigao je u Zagreb. Erdoganove izjave izazvale          su reakcije. Angela Merkel govorila je o tome, a Merkelin govor bio je kratak.",
        "hr",
    );
    assert_eq!(
        people(&a),
        ["Angela Merkel", "Recep Tayyip Erdogan"],
        "{:#?}",
        a.people
    );
    // After a final -i the possessive suffix takes a j.
    let a = analysed(
        "Posrednik UN-a Marti Ahtisari stigao je u Beograd. Mnogi očekuju da će \
         Ahtisarijevim planom biti predložena nezavisnost.",
        "sr",
    );
    assert_eq!(people(&a), ["Marti Ahtisari"], "{:#?}", a.people);
    // A name of two letters before -in, and a surname the text gives only alone.
    let a = analysed(
        "Obitelj nije mogla platiti školovanje četvero djece pa je Ivina majka zamolila \
         rektora za pomoć. Ipak, posljednjih mjeseci Kalmeta se gotovo primirio, a drugi \
         smatraju kao Kalmetin znak da je odustao.",
        "hr",
    );
    assert_eq!(people(&a), ["Kalmeta"], "{:#?}", a.people);
}

#[test]
fn english_text_keeps_hyphenated_names_whole() {
    // Case endings are read only in sr/hr/bs text: in English "UN-a" is no form of anything.
    let a = analysed(
        "Secretary-General Ban Ki-moon met Jean-Claude Juncker in Brussels.",
        "en",
    );
    let names = people(&a);
    assert!(names.contains(&"Ban Ki-moon"), "{names:?}");
    assert!(names.contains(&"Jean-Claude Juncker"), "{names:?}");
}

#[test]
fn a_genitive_owner_after_a_title_is_not_the_person() {
    let a = analysed(
        "Profesor Fakulteta političkih nauka Beogradskog univerziteta Predrag Simić izjavio je \
         da je dogovor dobar. Predsjednik HDZ-a Ivo Sanader sastao se s gradonačelnikom. \
         Gradonačelnik Rijeke Vojko Obersnel rekao je da grad podržava projekt.",
        "hr",
    );
    assert_eq!(
        people(&a),
        ["Ivo Sanader", "Predrag Simić", "Vojko Obersnel"],
        "{:#?}",
        a.people
    );
    let owner = |name: &str| {
        let p = a.people.iter().find(|p| p.name == name)?;
        p.roles.first().and_then(|r| r.of.clone())
    };
    assert_eq!(owner("Ivo Sanader").as_deref(), Some("HDZ"));
    assert_eq!(owner("Vojko Obersnel").as_deref(), Some("Rijeka"));
}

#[test]
fn a_date_after_a_place_is_not_part_of_its_name() {
    let a = analysed(
        "Ministri su se sastali u Solunu 16. maja, a sastanak u Hrvatskoj slijedi u lipnju.",
        "hr",
    );
    let places: Vec<(&str, Option<&str>)> = a
        .places
        .iter()
        .map(|p| (p.name.as_str(), p.country.as_deref()))
        .collect();
    assert!(places.contains(&("Thessaloníki", Some("GR"))), "{places:?}");
    assert!(places.contains(&("Croatia", Some("HR"))), "{places:?}");
}

#[test]
fn common_nouns_and_adjectives_that_open_a_sentence_are_not_persons() {
    // "Tvornicu" starts a name-like run; the text writes the noun in lower case too.
    let a = analysed(
        "Krajem godine prelazim u novu, visokoautomatiziranu Tvornicu dječje hrane, na radno \
         mjesto tehnologa zaduženog za kompletnu tvornicu, rekao je Ivo Marić.",
        "hr",
    );
    assert_eq!(people(&a), ["Ivo Marić"], "{:#?}", a.people);
    // An adjective in a case form before its noun opens the name of an institution.
    let a = analysed(
        "Obraćajući se Parlamentarnoj skupštini Vijeća Europe, Ivo Marić je kazao kako je \
         prijedlog dobar.",
        "hr",
    );
    assert_eq!(people(&a), ["Ivo Marić"], "{:#?}", a.people);
}
