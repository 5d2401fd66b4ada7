//! Serbian, Croatian and Bosnian drop a pronoun subject: "„…“, rekao je." and "Kazao je da …"
//! name no one, yet every reader knows who spoke: the person the text last spoke of, of the
//! gender the participle shows (rekao: a man, rekla: a woman). A name after the verb still
//! wins, and a plural participle (rekli su) names no single speaker.

use model::{Analysis, Quote};

mod text_common;

use text_common::analysed;

/// The quotation whose text starts with `start`.
fn quote<'a>(a: &'a Analysis, start: &str) -> &'a Quote {
    a.quotes
        .iter()
        .find(|q| q.text.starts_with(start))
        .unwrap_or_else(|| panic!("no quotation starting {start:?}: {:#?}", a.quotes))
}

fn speaker(a: &Analysis, start: &str) -> Option<String> {
    quote(a, start).speaker.map(|p| a.people[p].name.clone())
}

/// The statement whose text contains `words` (reported speech starts wherever the verb's
/// clause does).
fn containing<'a>(a: &'a Analysis, words: &str) -> &'a Quote {
    a.quotes
        .iter()
        .find(|q| q.text.contains(words))
        .unwrap_or_else(|| panic!("no statement with {words:?}: {:#?}", a.quotes))
}

fn speaker_of(a: &Analysis, words: &str) -> Option<String> {
    containing(a, words)
        .speaker
        .map(|p| a.people[p].name.clone())
}

#[test]
fn a_bare_participle_speaks_for_the_person_just_introduced() {
    let a = analysed(
        "Zoran Petrović je profesor ekonomije na Univerzitetu u Beogradu.\n\n\
         \"Privatizacija je bila prebrza i bez plana\", rekao je za SETimes.",
        "sr",
    );
    assert_eq!(
        speaker(&a, "Privatizacija je bila").as_deref(),
        Some("Zoran Petrović")
    );
}

#[test]
fn the_participle_gender_skips_a_nearer_person_of_the_other_sex() {
    let a = analysed(
        "Ministrica Ana Kovač sastala se u utorak s Markom Horvatom.\n\n\
         \"Razgovor je bio otvoren\", izjavio je Marko Horvat.\n\n\
         \"Očekujemo dogovor do kraja godine\", rekla je.",
        "hr",
    );
    assert_eq!(
        speaker(&a, "Razgovor je bio").as_deref(),
        Some("Marko Horvat")
    );
    assert_eq!(
        speaker(&a, "Očekujemo dogovor").as_deref(),
        Some("Ana Kovač"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn a_name_after_the_verb_is_the_speaker() {
    let a = analysed(
        "Zoran Petrović je profesor ekonomije.\n\n\
         \"Reforme kasne\", rekao je za SETimes analitičar Ivan Lukić.",
        "sr",
    );
    assert_eq!(speaker(&a, "Reforme kasne").as_deref(), Some("Ivan Lukić"));
}

#[test]
fn a_plural_participle_names_no_single_speaker() {
    let a = analysed(
        "Zoran Petrović je predvodio delegaciju.\n\n\
         \"Nismo zadovoljni ishodom\", rekli su članovi delegacije.",
        "sr",
    );
    assert_eq!(speaker(&a, "Nismo zadovoljni").as_deref(), None);
}

#[test]
fn reported_speech_with_a_dropped_subject_continues_the_last_speaker() {
    let a = analysed(
        "\"Ljudi sa strane mogu pomoći\", dodao je Kieran Prendergast.\n\n\
         Iako sve strane govore kako žele rješenje, nedostaju preduvjeti za dogovor, kazao je.",
        "hr",
    );
    assert_eq!(
        speaker_of(&a, "nedostaju preduvjeti").as_deref(),
        Some("Kieran Prendergast")
    );
}

#[test]
fn cyrillic_participles_drop_the_subject_too() {
    let a = analysed(
        "Милица Јовановић је директорка института.\n\n\
         „Резултати су охрабрујући“, рекла је новинарима.",
        "sr",
    );
    assert_eq!(
        speaker(&a, "Резултати су").as_deref(),
        Some("Милица Јовановић")
    );
}

#[test]
fn an_outlet_after_the_named_speaker_keeps_the_speaker() {
    let a = analysed(
        "\"Dogovor je loš za građane\", rekao je Petar Nikolić za beogradske medije.",
        "sr",
    );
    assert_eq!(
        speaker(&a, "Dogovor je loš").as_deref(),
        Some("Petar Nikolić")
    );
}

#[test]
fn a_relative_clause_closing_an_apposition_leaves_the_subject_the_speaker() {
    let a = analysed(
        "Petar Nikolić, jedan od predstavnika opozicije iz Niša, gde vlast nema većinu, ocenio \
         je da su sporazumi štetni za građane.",
        "sr",
    );
    assert_eq!(speaker_of(&a, "štetni").as_deref(), Some("Petar Nikolić"));
    // The clitic and the complementizer open no statement.
    let reported = containing(&a, "štetni");
    assert!(
        reported.text.starts_with("su sporazumi"),
        "{:?}",
        reported.text
    );
}

#[test]
fn a_quotation_marked_only_at_its_start_and_end_spans_its_paragraphs() {
    let a = analysed(
        "Grad je kupio staru jahtu za 100.000 eura.\n\n\
         \"Jahta je spašena od propadanja.\n\n\
         Obnova će trajati dvije godine pod nadzorom stručnjaka\", izjavio je gradonačelnik \
         Ivan Marić.",
        "hr",
    );
    assert_eq!(
        speaker(&a, "Obnova će trajati").as_deref(),
        Some("Ivan Marić"),
        "{:#?}",
        a.quotes
    );
    // The first paragraph is his too.
    assert_eq!(
        speaker(&a, "Jahta je spašena").as_deref(),
        Some("Ivan Marić")
    );
}

#[test]
fn a_reflexive_reporting_verb_is_impersonal() {
    let a = analysed(
        "Tužitelj Ivan Marić podigao je optužnicu u siječnju.\n\n\
         U optužnici se navodi kako je novac prebačen u inozemstvo prije tri godine.",
        "hr",
    );
    assert!(
        a.quotes
            .iter()
            .filter(|q| q.text.contains("novac prebačen"))
            .all(|q| q.speaker.is_none()),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn a_verb_joined_by_a_conjunction_has_the_sentence_subject() {
    let a = analysed(
        "Ana Kovač sastala se s Markom Horvatom.\n\n\
         Potpredsjednik vlade Petar Nikolić ponovio je taj stav i naglasio da je dogovor \
         poseban slučaj.",
        "hr",
    );
    assert_eq!(
        speaker_of(&a, "poseban slučaj").as_deref(),
        Some("Petar Nikolić")
    );
}

#[test]
fn a_present_tense_verb_without_a_subject_speaks_for_the_person_just_named() {
    let a = analysed(
        "Vesna Ilić vodi malu pekaru u Novom Sadu.\n\n\
         \"Cijene brašna rastu svaki mjesec\", kaže.",
        "hr",
    );
    assert_eq!(speaker(&a, "Cijene brašna").as_deref(), Some("Vesna Ilić"));
}

#[test]
fn a_title_alone_speaks_for_the_person_who_holds_it() {
    let a = analysed(
        "Predsjednik Makedonije Branko Crvenkovski sastao se u utorak s Ivom Marićem i \
         Petrom Nikolićem.\n\n\
         Nikolić je potvrdio da su razgovori bili otvoreni.\n\n\
         \"Kompromis je moguć\", kazao je predsjednik.",
        "hr",
    );
    assert_eq!(
        speaker(&a, "Kompromis je moguć").as_deref(),
        Some("Branko Crvenkovski"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn a_long_description_before_the_name_after_the_verb() {
    let a = analysed(
        "\"Bušenje se ne razlikuje od istraživanja\", kaže poslanik BSP i član \
         parlamentarnog odbora za zaštitu životne sredine Georgi Božinov za SETimes.",
        "sr",
    );
    assert_eq!(
        speaker(&a, "Bušenje se ne").as_deref(),
        Some("Georgi Božinov"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn a_title_and_its_owner_then_more_description_then_the_name() {
    let a = analysed(
        "\"Novi pregovori bili bi preuranjeni\", kazao je podtajnik UN-a za politička pitanja \
         Kieran Prendergast informirajući Vijeće sigurnosti.",
        "hr",
    );
    assert_eq!(
        speaker(&a, "Novi pregovori").as_deref(),
        Some("Kieran Prendergast"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn a_feminine_pronoun_does_not_continue_a_male_speaker() {
    let a = analysed(
        "\"Hrvatska je na vratima EU\", izjavio je Marko Horvat.\n\n\
         Ona je najavila da će sastanak biti održan krajem lipnja.",
        "hr",
    );
    assert_ne!(
        speaker_of(&a, "sastanak biti").as_deref(),
        Some("Marko Horvat"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn a_time_phrase_or_adverb_between_subject_and_verb_is_passed_over() {
    let a = analysed(
        "Goran Marić je u utorak objasnio da će cene struje rasti od jeseni. \
         Vesna Kos početkom nedelje je rekla da vlada nema novca za subvencije. \
         Dragan Perić je jednostavno tvrdio da o tome ništa ne zna.",
        "sr",
    );
    assert_eq!(
        speaker_of(&a, "cene struje rasti").as_deref(),
        Some("Goran Marić")
    );
    assert_eq!(speaker_of(&a, "nema novca").as_deref(), Some("Vesna Kos"));
    assert_eq!(
        speaker_of(&a, "ništa ne zna").as_deref(),
        Some("Dragan Perić")
    );
}

#[test]
fn a_speaker_described_by_where_they_come_from_is_the_person_first_named() {
    let a = analysed(
        "Ana Horvat iz udruge potrošača u Osijeku izjavila je da su cijene kruha previsoke.",
        "hr",
    );
    assert_eq!(
        speaker_of(&a, "cijene kruha").as_deref(),
        Some("Ana Horvat"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn a_title_with_what_it_heads_is_the_person_holding_it() {
    let a = analysed(
        "Premijer Luka Mirić otvorio je u petak sajam u Novom Sadu.\n\n\
         Premijer pokrajine najavio je da će izbori biti održani u maju.",
        "sr",
    );
    assert_eq!(
        speaker_of(&a, "izbori biti").as_deref(),
        Some("Luka Mirić"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn a_title_and_its_portfolio_before_a_name_is_a_role() {
    let a = analysed(
        "Muzej će biti otvoren u Ankari, saopštio je u ponedeljak (15. juna) turski ministar kulture i turizma \
         Ertan Kaya.\n\n\
         \"Projekt će biti izabran u septembru\", rekao je ministar.",
        "sr",
    );
    let kaya = a
        .people
        .iter()
        .find(|p| p.name == "Ertan Kaya")
        .unwrap_or_else(|| panic!("{:#?}", a.people));
    assert!(
        kaya.roles.iter().any(|r| r.title == "Minister"),
        "{:#?}",
        kaya.roles
    );
    assert_eq!(
        speaker(&a, "Projekt će biti").as_deref(),
        Some("Ertan Kaya"),
        "{:#?}",
        a.quotes
    );
    assert_eq!(
        speaker_of(&a, "Muzej će biti").as_deref(),
        Some("Ertan Kaya"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn after_as_so_and_so_said_the_speaker_follows_the_verb() {
    let a = analysed(
        "Povlačenje trupa sada bi bilo kockanje sa svim što je postignuto, kao što je rekao \
         visoki predstavnik Marko Lukić, i to se ne sme dozvoliti.",
        "sr",
    );
    let q = a
        .quotes
        .iter()
        .find(|q| q.speaker_text.as_deref() == Some("što"));
    assert!(q.is_none(), "{:#?}", a.quotes);
    assert!(
        a.quotes
            .iter()
            .any(|q| q.speaker.map(|p| a.people[p].name.as_str()) == Some("Marko Lukić")),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn a_relative_pronoun_speaks_for_the_person_it_describes() {
    let a = analysed(
        "Predsednik je tužio novine i Nenada Marića, biznismena koji je rekao da je video \
         ceo događaj.",
        "sr",
    );
    assert_eq!(
        speaker_of(&a, "video").as_deref(),
        Some("Nenad Marić"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn an_addressee_after_an_inverted_name_is_not_part_of_it() {
    let a = analysed(
        "Ivan Horvat podnio je izvješće u New Yorku.\n\n\
         \"Plan je gotov i čeka potpis\", kazao je Horvat Vijeću.",
        "hr",
    );
    assert_eq!(
        speaker(&a, "Plan je gotov").as_deref(),
        Some("Ivan Horvat"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn a_name_after_the_verb_speaks_for_the_clause_before_the_comma() {
    let a = analysed(
        "Ako vremenski uslovi dozvole, radovi će se nastaviti i posle tog datuma, izjavio je u \
         ponedeljak ministar odbrane Petar Ilić.",
        "sr",
    );
    let q = containing(&a, "radovi će se nastaviti");
    assert_eq!(
        q.speaker.map(|p| a.people[p].name.as_str()),
        Some("Petar Ilić"),
        "{:#?}",
        a.quotes
    );
    assert!(q.text.starts_with("Ako vremenski"), "{:#?}", a.quotes);
}

#[test]
fn according_to_a_surname_in_a_case_or_its_possessive_is_that_person() {
    let a = analysed(
        "Vladimir Vučković, član Fiskalnog saveta, govorio je o dugu. Prema Vučkoviću, vlada je \
         već prekršila dva zakona. Prema Vučkovićevim rečima, dug će rasti i sledeće godine.",
        "sr",
    );
    assert_eq!(
        speaker_of(&a, "prekršila dva zakona").as_deref(),
        Some("Vladimir Vučković")
    );
    assert_eq!(
        speaker_of(&a, "dug će rasti").as_deref(),
        Some("Vladimir Vučković")
    );
}

#[test]
fn cyrillic_time_phrases_are_passed_over_as_latin_ones_are() {
    let a = analysed(
        "Министар финансија Горан Марић говорио је о буџету.\n\n\
         \"Цене ће расти од јесени\", саопштио је у понедељак (12. маја) министар финансија \
         Горан Марић.",
        "sr",
    );
    assert_eq!(
        speaker(&a, "Цене ће расти").as_deref(),
        Some("Горан Марић"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn a_quotation_left_open_ends_before_its_attribution() {
    // The closing mark is missing after "sistema,".
    let a = analysed(
        "\"Novi savet ima veliku odgovornost prema građanima i sudijama, izjavila je Ana \
         Petrović, predsednica komisije.\n\nOna je potvrdila da je glasanje prošlo bez \
         incidenata.",
        "sr",
    );
    assert_eq!(
        speaker(&a, "Novi savet ima veliku odgovornost").as_deref(),
        Some("Ana Petrović"),
        "{:#?}",
        a.quotes
    );
    assert!(!quote(&a, "Novi savet").text.contains("izjavila"));
    assert_eq!(
        speaker_of(&a, "glasanje prošlo").as_deref(),
        Some("Ana Petrović")
    );
}

#[test]
fn an_adverb_before_the_verb_is_no_speaker() {
    let a = analysed(
        "Državna sekretarka Ana Petrović sastala se u četvrtak s ministrom. Ana Petrović \
         odlučno je izjavila kako će sporazum biti potpisan do kraja godine.",
        "hr",
    );
    let q = containing(&a, "sporazum biti potpisan");
    assert_eq!(q.speaker_text.as_deref(), Some("Ana Petrović"), "{q:#?}");
    assert_eq!(
        speaker_of(&a, "sporazum biti potpisan").as_deref(),
        Some("Ana Petrović")
    );
}

#[test]
fn a_clause_after_the_verb_is_what_was_said_whatever_the_comma_before() {
    let a = analysed(
        "Ivan Horvat iz Microsofta, prekjučer je na radiju dodatno pojasnio kako je port \
         namjerno ostavljen.\n\nMeđutim u ponedjeljak, potpredsjednik vlade Marko Perić, \
         izjavio je kako stranka ne može dalje raditi s premijerom.",
        "hr",
    );
    let q = containing(&a, "port namjerno ostavljen");
    assert_eq!(q.text, "je port namjerno ostavljen", "{q:#?}");
    assert_eq!(
        speaker_of(&a, "port namjerno").as_deref(),
        Some("Ivan Horvat")
    );
    let q = containing(&a, "ne može dalje raditi");
    assert!(!q.text.contains("ponedjeljak"), "{q:#?}");
    assert_eq!(
        speaker_of(&a, "ne može dalje").as_deref(),
        Some("Marko Perić")
    );
}

#[test]
fn a_date_set_off_by_commas_after_the_verb_is_passed_over() {
    let a = analysed(
        "U Zagrebu će se uskoro otvoriti novi muzej, rekao je u ponedjeljak, 15. lipnja, \
         ministar kulture Ivan Horvat.",
        "hr",
    );
    assert_eq!(
        speaker_of(&a, "otvoriti novi muzej").as_deref(),
        Some("Ivan Horvat"),
        "{:#?}",
        a.quotes
    );
}

#[test]
fn present_tense_verbs_of_explaining_and_noting_attribute() {
    let a = analysed(
        "Neki građani i dalje su oprezni.\n\n\"Volim dobivati plaću na stari način\n\n\
         Jednostavno ne vjerujem strojevima\", pojašnjava Ivan Horvat, 53-godišnji električar.\n\n\
         \"Cijene će rasti\", napominje Ana Perić.",
        "hr",
    );
    assert_eq!(
        speaker(&a, "Volim dobivati").as_deref(),
        Some("Ivan Horvat"),
        "{:#?}",
        a.quotes
    );
    assert_eq!(
        speaker(&a, "Jednostavno ne vjerujem").as_deref(),
        Some("Ivan Horvat")
    );
    assert_eq!(speaker(&a, "Cijene će rasti").as_deref(), Some("Ana Perić"));
}

#[test]
fn a_subject_in_lower_case_after_the_verb_closes_the_sentence_it_speaks_for() {
    let a = analysed(
        "Zemlja mora završiti reforme, uključujući i sektor obrane, ako želi ući u NATO, \
         poručili su međunarodni dužnosnici.\n\nAl Kaida je oslabljena ubojstvom vođe Osame bin \
         Ladena, rekao je taj dužnosnik EU.",
        "hr",
    );
    let q = containing(&a, "mora završiti reforme");
    assert_eq!(
        q.speaker_text.as_deref(),
        Some("međunarodni dužnosnici"),
        "{q:#?}"
    );
    let q = containing(&a, "je oslabljena");
    assert_eq!(
        q.speaker_text.as_deref(),
        Some("taj dužnosnik EU"),
        "{q:#?}"
    );
    assert_eq!(q.speaker, None);
}

#[test]
fn what_follows_o_is_a_topic_not_a_statement() {
    let a = analysed(
        "Španjolska policija izvijestila je o svojoj akciji glavnu tužiteljicu UN-a.",
        "hr",
    );
    assert!(a.quotes.is_empty(), "{:#?}", a.quotes);
}

#[test]
fn verbs_of_remarking_asserting_and_reporting_attribute() {
    let a = analysed(
        "Ivan Horvat je primijetio da je bilo pozitivnih pomaka.\n\nAna Perić je ustvrdila kako \
         je svjedočila događaju.\n\n\"Kada ćete se umoriti od takve retorike?\", zapitao je \
         Marko Babić.",
        "hr",
    );
    assert_eq!(
        speaker_of(&a, "pozitivnih pomaka").as_deref(),
        Some("Ivan Horvat")
    );
    assert_eq!(
        speaker_of(&a, "svjedočila događaju").as_deref(),
        Some("Ana Perić")
    );
    assert_eq!(speaker(&a, "Kada ćete se").as_deref(), Some("Marko Babić"));
}

#[test]
fn a_bare_quotation_after_a_paragraph_ending_in_a_persons_statement_is_theirs() {
    let text = "Oni koji su htjeli karizmatičnu osobu počinili su tešku pogrešku, smatra Van \
                Rompuy.\n\n\"Ako želite da europski predsjednik bude istaknuta osoba, dolazite \
                u sukob s ostalim institucijama.\"";
    let a = analysed(text, "hr");
    assert_eq!(speaker(&a, "Ako želite").as_deref(), Some("Van Rompuy"));
}

#[test]
fn a_quotation_a_cue_reports_is_one_statement() {
    let text =
        "Van Rompuy je rekao da je Europa jaka.\n\nDodaje: \"Moja cijela karijera je takva.\"";
    let a = analysed(text, "hr");
    let about: Vec<&str> = a
        .quotes
        .iter()
        .filter(|q| q.text.contains("karijera"))
        .map(|q| q.text.as_str())
        .collect();
    assert_eq!(about, ["Moja cijela karijera je takva."], "{:#?}", a.quotes);
    assert_eq!(speaker(&a, "Moja cijela").as_deref(), Some("Van Rompuy"));
}

#[test]
fn a_pronoun_after_the_verb_speaks_for_the_person_the_participle_agrees_with() {
    let a = analysed(
        "Američka državna sekretarka Kondoliza Rajs bila je u četvrtak uverena da će Kosovo \
         dobiti nezavisnost.\n\n\"Mi podržavamo nezavisno Kosovo,\" rekla je ona novinarima \
         tokom leta za Lisabon.",
        "sr",
    );
    assert_eq!(
        speaker(&a, "Mi podržavamo").as_deref(),
        Some("Kondoliza Rajs")
    );
}

#[test]
fn a_name_after_a_preposition_before_the_verb_is_not_the_speaker() {
    let a = analysed(
        "Kao komentar, Ševron je za SETimes u imejlu izjavio da zvaničnici očekuju saradnju \
         sa vlastima.",
        "sr",
    );
    assert_eq!(
        containing(&a, "očekuju saradnju").speaker_text.as_deref(),
        Some("Ševron")
    );
}

#[test]
fn a_date_in_parentheses_and_an_addressee_stand_before_the_reported_clause() {
    let a = analysed(
        "Predsednik Kosova Fatmir Sejdiju izjavio je u utorak (12. avgusta) da situacija u \
         njegovoj zemlji ne može da se poredi ni sa jednom drugom. Visoki zvaničnik UN-a \
         rekao je u sredu (22. juna) Savetu bezbednosti da ne može preporučiti novi proces.",
        "sr",
    );
    assert!(
        containing(&a, "situacija u njegovoj")
            .text
            .starts_with("situacija")
    );
    assert_eq!(
        containing(&a, "preporučiti").text,
        "ne može preporučiti novi proces"
    );
}

#[test]
fn a_body_named_after_the_verb_speaks_for_the_clause_before_the_comma() {
    let a = analysed(
        "Izrečene su im zatvorske kazne u trajanju od pet, odnosno tri mjeseca, priopćio je u \
         srijedu (17. prosinca) Međunarodni kazneni tribunal za bivšu Jugoslaviju.",
        "hr",
    );
    let q = containing(&a, "zatvorske kazne");
    assert!(q.text.starts_with("Izrečene su im"), "{q:#?}");
    assert_eq!(
        q.speaker_text.as_deref(),
        Some("Međunarodni kazneni tribunal za bivšu Jugoslaviju")
    );
}

#[test]
fn a_verb_of_continuing_before_a_colon_drops_its_subject() {
    let a = analysed(
        "Van Rompuy je rekao da je Europa jaka. Sastanak je trajao dva sata.\n\nNastavlja: \
         \"Na sebe gledam kao na podršku.\"\n\nCijene nastavljaju da rastu, kaže Van Rompuy.",
        "hr",
    );
    assert_eq!(speaker(&a, "Na sebe gledam").as_deref(), Some("Van Rompuy"));
    assert!(
        a.quotes
            .iter()
            .all(|q| q.cue.as_deref() != Some("nastavljaju")),
        "{:#?}",
        a.quotes
    );
}
