//! Quotation marks, cues and speakers on small synthetic texts, most without an entity
//! analysis: the speaker is then the span of words that names it, and `speaker` (the person)
//! stays empty. The last tests read the text with the analysis the pipeline gives, where
//! which words are people decides.

use model::{Analysis, Quote, QuoteKind};
use proptest::prelude::*;

fn find(text: &str) -> Vec<Quote> {
    analyse::quotes::find(text, &Analysis::default())
}

fn chars(text: &str, s: model::Span) -> String {
    text.chars().skip(s.start).take(s.len()).collect()
}

fn speaker(text: &str, q: &Quote) -> Option<String> {
    q.speaker_span.map(|s| chars(text, s))
}

#[test]
fn quote_then_role_and_verb_is_direct_with_that_speaker() {
    let text = "“Montenegro is a valued Ally,” the NATO Secretary General said.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(q[0].text, "Montenegro is a valued Ally,");
    assert_eq!(chars(text, q[0].content), q[0].text);
    assert_eq!(
        speaker(text, &q[0]).as_deref(),
        Some("the NATO Secretary General")
    );
    assert_eq!(
        q[0].speaker_text.as_deref(),
        Some("the NATO Secretary General")
    );
    assert_eq!(q[0].cue.as_deref(), Some("said"));
    assert_eq!(q[0].speaker, None, "no analysis, no person");
}

#[test]
fn inverted_verb_and_name_after_the_quote() {
    let text = "\"This is in their heads,\" said longtime pollster Pat Caddell.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(
        speaker(text, &q[0]).as_deref(),
        Some("longtime pollster Pat Caddell")
    );
}

#[test]
fn inverted_speaker_with_a_modifier_after_it() {
    let text = "\"I think it's coming,\" said a strategist for one of the candidates, speaking \
                on the condition of anonymity. \"But not yet.\"";
    let q = find(text);
    assert_eq!(q.len(), 2);
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("a strategist"));
    // The bare quotation right after takes the speaker before it.
    assert_eq!(speaker(text, &q[1]).as_deref(), Some("a strategist"));
    let text = "“It will not happen,” said one of those advisers, who asked not to be named.";
    let q = find(text);
    assert_eq!(
        speaker(text, &q[0]).as_deref(),
        Some("one of those advisers")
    );
}

#[test]
fn subject_before_an_apposition_outranks_the_clause_after_the_verb() {
    let text = "Mary Susan, clad in a red cape, said the convention could be a “failure” if \
                Trump cannot rally the party.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Mary Susan"));
    let text = "One of the authors of that report, Ari Fleischer, said the party \
                had gone “in the opposite direction.”";
    let q = find(text);
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Ari Fleischer"));
}

#[test]
fn relative_pronoun_speaker_keeps_its_antecedent() {
    let text = "Beck, who has in the past described Trump as “a pathological narcissist,” \
                spoke on Sunday.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Beck, who"));
}

#[test]
fn manner_of_speaking_verbs_are_cues() {
    let text = "“That would have been a demonstration of good faith,” Toomey fumed.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].cue.as_deref(), Some("fumed"));
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Toomey"));
}

#[test]
fn a_participle_setting_the_scene_reports_nothing() {
    for text in [
        "Discussing the budget in an interview, the mayor said, “We will not raise taxes.”",
        "Writing for a local paper, the mayor said, “We will not raise taxes.”",
    ] {
        let q = find(text);
        assert_eq!(q.len(), 1, "{text}: {q:?}");
        assert_eq!(q[0].text, "We will not raise taxes.");
        assert_eq!(speaker(text, &q[0]).as_deref(), Some("the mayor"));
    }
    // A participle with a clause after it does report, that clause.
    let text = "Claiming the vote was rigged, the mayor said, “We will appeal.”";
    let q = find(text);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].text, "the vote was rigged");
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("the mayor"));
}

#[test]
fn a_plural_noun_before_a_verb_is_the_subject_not_a_cue() {
    let text = "Recent reports have revealed that the bridge was never inspected.";
    let q = find(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].cue.as_deref(), Some("revealed"));
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Recent reports"));
}

#[test]
fn a_passive_without_its_agent_names_no_speaker() {
    for text in [
        "They were twice denied visas to enter the country.",
        "Most of these flaws are rated “highly critical”.",
    ] {
        assert!(
            find(text).iter().all(|q| q.speaker_span.is_none()),
            "{text}"
        );
    }
}

#[test]
fn a_post_nominal_is_no_speaker_of_its_own() {
    let text =
        "In court, Tom Harlow, QC, said that, as the family had moved, they trusted the doctor.";
    let q = find(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Tom Harlow"));
    assert_eq!(
        q[0].text,
        "as the family had moved, they trusted the doctor"
    );
}

#[test]
fn a_web_address_is_one_word() {
    let text = "Other sites such as Example.com have stated that they will keep the video.";
    let q = find(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Example.com"));
}

#[test]
fn a_name_after_the_verb_speaks_whoever_it_spoke_to() {
    let text = "“We thank every city that applied,” said Bolden to the crowd that had gathered at the centre.";
    let q = find(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Bolden"));
}

#[test]
fn a_spaced_hyphen_and_a_name_sign_a_quotation() {
    let text = "“So far, it is the Internet: 1, the church: 0.” - Matthew Ingram";
    let q = find(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Matthew Ingram"));
    // Inside a sentence a spaced hyphen is a dash.
    let text = "He said “do svidaniya” - Russian for goodbye.";
    assert!(
        find(text)
            .iter()
            .all(|q| q.speaker_span.is_none() || speaker(text, q).as_deref() != Some("Russian"))
    );
}

#[test]
fn colon_after_the_verb_introduces_a_direct_quote() {
    let text = "He stressed: “We must reinforce our defence.”";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("He"));
    assert_eq!(q[0].cue.as_deref(), Some("stressed"));
}

#[test]
fn fragment_inside_the_writers_sentence_is_mixed() {
    let text = "He also emphasized support through the provision of “essential medical supplies” to the country.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert_eq!(q[0].text, "essential medical supplies");
    assert_eq!(q[0].cue.as_deref(), Some("emphasized"));
}

#[test]
fn said_that_is_reported_speech() {
    let text =
        "In a press conference, Đukanović confirmed that the talks were focused on security.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Indirect);
    assert_eq!(q[0].text, "the talks were focused on security");
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Đukanović"));
}

#[test]
fn told_reporters_that_skips_the_addressee() {
    let text = "The minister told reporters that the border would stay open.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "the border would stay open");
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("The minister"));
}

#[test]
fn according_to_before_and_after_the_content() {
    let text = "According to the ministry, the talks will resume in June.\n\nThe talks will resume in June, according to officials.";
    let q = find(text);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].text, "the talks will resume in June");
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("the ministry"));
    assert_eq!(q[1].text, "The talks will resume in June");
    assert_eq!(q[1].cue.as_deref(), Some("according to"));
    assert_eq!(speaker(text, &q[1]).as_deref(), Some("officials"));
}

#[test]
fn nested_single_quotes_stay_inside_the_double_quote() {
    let text = "“They call it ‘the comeback of the decade’ now,” she said.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "They call it ‘the comeback of the decade’ now,");
}

#[test]
fn apostrophes_are_not_quote_marks() {
    let text = "“It’s the Allies’ plan and NATO’s too,” she said. The Allies’ reply came later.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "It’s the Allies’ plan and NATO’s too,");
}

#[test]
fn serbian_and_croatian_marks_pair() {
    for text in [
        "„Ovo je važan dan za region“, rekao je Đukanović.",
        "»Ovo je važan dan za region«, rekao je Đukanović.",
        "«Ovo je važan dan za region», rekao je Đukanović.",
    ] {
        let q = find(text);
        assert_eq!(q.len(), 1, "{text}");
        assert_eq!(q[0].text, "Ovo je važan dan za region", "{text}");
        assert_eq!(q[0].cue.as_deref(), Some("rekao"), "{text}");
        assert_eq!(speaker(text, &q[0]).as_deref(), Some("Đukanović"), "{text}");
    }
}

#[test]
fn continuation_paragraph_keeps_the_speaker() {
    let text = "“The first paragraph of a long statement goes on here.\n\n“And the second one ends it,” the minister said.";
    let q = find(text);
    assert_eq!(q.len(), 2);
    assert_eq!(
        q[0].text,
        "The first paragraph of a long statement goes on here."
    );
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("the minister"));
    assert_eq!(speaker(text, &q[1]).as_deref(), Some("the minister"));
}

#[test]
fn quotation_with_no_speaker_anywhere_is_kept_unresolved() {
    let text = "“Nobody knows who wrote this line at all.”";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker_span, None);
    assert_eq!(q[0].speaker, None);
    // A speaker named paragraphs earlier is not borrowed: the quotation stays unresolved.
    let text = "Trump said on Monday that taxes would fall for everyone.\n\nThe crowd cheered.\n\n“Nobody knows \
                who wrote this line at all.”";
    let q = find(text);
    let line = q
        .iter()
        .find(|q| q.text == "Nobody knows who wrote this line at all.")
        .expect("the quotation is kept");
    assert_eq!(line.speaker, None);
    assert_eq!(line.speaker_span, None);
}

#[test]
fn odd_count_of_marks_degrades_gracefully() {
    let text =
        "He said “this never closes and runs on for a while. Then “this one does,” she added.";
    let q = find(text);
    assert!(!q.is_empty());
    for x in &q {
        assert_eq!(chars(text, x.content), x.text);
    }
}

#[test]
fn megabyte_quotation_is_one_quote() {
    let body = "word ".repeat(200_000);
    let text = format!("“{}”, the spokesman said.", body.trim_end());
    let q = find(&text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text.len(), body.trim_end().len());
    assert_eq!(speaker(&text, &q[0]).as_deref(), Some("the spokesman"));
}

#[test]
fn headline_without_full_stop_reports_no_speech() {
    let text = "EU delegation to Albania calls for orderly local elections";
    assert!(find(text).is_empty());
}

proptest! {
    #[test]
    fn any_text_gives_spans_inside_it(s in "[a-zA-Z ,.:;!?\n“”„‘’'\"«»‚—–-]{0,300}") {
        let n = s.chars().count();
        for q in find(&s) {
            prop_assert!(q.content.end <= n && q.content.start <= q.content.end);
            prop_assert_eq!(chars(&s, q.content), q.text.clone());
            if let Some(sp) = q.speaker_span {
                prop_assert!(sp.end <= n);
            }
        }
    }
}

#[test]
fn transcript_line_names_its_speaker() {
    let text = "\"PENCE: Well, look, this is serious business.\"";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("PENCE"));
}

#[test]
fn quantifier_ending_the_subject_leaves_the_cue_a_verb() {
    let text = "When pressed, the 34-year-old mother of three replied, \"It is meant to benefit \
                the mother.\"";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].cue.as_deref(), Some("replied"));
    assert!(speaker(text, &q[0]).is_some_and(|s| s.contains("three")));
}

#[test]
fn name_with_a_long_apposition_between_quotation_and_verb() {
    let text = "“It’s an invasion of the state regulatory domain,” Scott Pruitt, the Republican \
                attorney general of Oklahoma, one of the states suing the EPA, said at an event.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Scott Pruitt"));
    assert_eq!(q[0].cue.as_deref(), Some("said"));
}

#[test]
fn headline_lead_of_one_name_but_not_a_label() {
    let text = "Pence: Gennifer Flowers Won’t Be at Debate, Trump Was ‘Mocking’ Clinton Camp.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Pence"));
    let text = "Update: Senators Say the Bill Is ‘Dead on Arrival’ in Its Present Form.";
    assert!(
        find(text)
            .iter()
            .all(|q| speaker(text, q).as_deref() != Some("Update"))
    );
}

#[test]
fn contraction_before_a_quotation_is_no_possessive_title() {
    let text = "Pat Caddell: Voters Worried About Clinton’s Health; It’s ‘in Their Heads.’";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Pat Caddell"));
}

#[test]
fn dated_announcement_hands_its_subject_to_the_next_quotation() {
    let text = "On July 6, 2015, Sanders made the following comment:\n\n“For young people who \
                have graduated high school, the unemployment rate is 33 percent.”";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Sanders"));
}

#[test]
fn time_and_adverbs_between_subject_and_verb_are_no_speaker() {
    for (text, who) in [
        (
            "The State Department less than two weeks ago said that “top secret” intelligence \
             had passed through the server.",
            "The State Department",
        ),
        (
            "Sanders, meanwhile, who has no such endorsements, said that fact speaks volumes \
             about who is \"prepared to take on the establishment.\"",
            "Sanders",
        ),
        (
            "Trump on Sept. 24 said the plan was “a total disaster for everyone involved.”",
            "Trump",
        ),
    ] {
        let q = find(text);
        let quoted: Vec<_> = q.iter().filter(|x| x.kind != QuoteKind::Indirect).collect();
        assert_eq!(quoted.len(), 1, "{text}");
        assert_eq!(speaker(text, quoted[0]).as_deref(), Some(who), "{text}");
    }
}

#[test]
fn nearest_speech_verb_attributes_a_nested_quotation() {
    let text = "DeSantis said he has supported bills against the accreditation bodies, which \
                he called “a cartel for higher education.”";
    let q = find(text);
    let quoted: Vec<_> = q.iter().filter(|x| x.kind != QuoteKind::Indirect).collect();
    assert_eq!(quoted.len(), 1);
    assert_eq!(speaker(text, quoted[0]).as_deref(), Some("he"));
}

#[test]
fn quoted_nickname_in_a_headline_is_not_followed_by_its_speaker() {
    let text = "Trump ‘The Dealmaker’ Could Address Clean Energy, Lindsey Graham Says.";
    let q = find(text);
    assert_eq!(q.len(), 1);
    assert_eq!(speaker(text, &q[0]).as_deref(), Some("Lindsey Graham"));
}

/// (content, speaker words) of each reported statement.
fn reported(text: &str) -> Vec<(String, Option<String>)> {
    find(text)
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .map(|q| (q.text.clone(), speaker(text, q)))
        .collect()
}

#[test]
fn a_time_between_speaker_and_verb_or_before_the_clause() {
    let says = |content: &str, who: &str| vec![(content.to_owned(), Some(who.to_owned()))];
    assert_eq!(
        reported("Donald Trump said on Tuesday he would not accept the endorsement."),
        says("he would not accept the endorsement", "Donald Trump")
    );
    assert_eq!(
        reported("Hillary Clinton said after the debate she wants a recount in three states."),
        says("she wants a recount in three states", "Hillary Clinton")
    );
    assert_eq!(
        reported("Bernie Sanders on Tuesday said he wants to close four loopholes."),
        says("he wants to close four loopholes", "Bernie Sanders")
    );
    // A conditional opening the statement, before its main clause.
    assert_eq!(
        reported("Trump said if Clinton is elected president, she will bring in more refugees."),
        says(
            "if Clinton is elected president, she will bring in more refugees",
            "Trump"
        )
    );
    // A pronoun opening a relative clause after the adverbial reports nothing.
    assert_eq!(
        reported("The president said in an interview they held on Monday."),
        []
    );
}

/// (content, speaker words) of each statement, with the entity analysis the pipeline gives.
fn analysed(text: &str) -> Vec<(String, Option<String>)> {
    let analysis = analyse::entities(text, None, Some("en"));
    analyse::quotes::find(text, &analysis)
        .into_iter()
        .map(|q| (q.text, q.speaker_text))
        .collect()
}

#[test]
fn a_subject_with_a_relative_clause_opening_the_sentence_is_the_speaker() {
    assert_eq!(
        analysed("Bamberg, who is 28, said he decided to support Sanders after the rally."),
        [(
            "he decided to support Sanders after the rally".to_owned(),
            Some("Bamberg".to_owned())
        )]
    );
}

#[test]
fn a_person_after_an_english_verb_of_saying_is_what_was_said() {
    // Not the speaker: in English the name after "said" opens the reported clause. (In
    // Serbian and Croatian a long description may stand between the verb and the speaker.)
    let found = analysed(
        "Sen. Marco Rubio, R-Fla., appearing on Fox News right after the speech, said Obama \
         failed to address public concerns about the threats.",
    );
    assert!(
        found.iter().all(|(_, who)| who.as_deref() != Some("Obama")),
        "{found:?}"
    );
}

#[test]
fn a_speaker_keeps_the_phrase_that_says_where_it_stands() {
    for (text, who) in [
        (
            "Many speakers at the service said his death was particularly painful.",
            "Many speakers at the service",
        ),
        (
            "A producer for Yahoo Studios said the film would open in the spring.",
            "A producer for Yahoo Studios",
        ),
    ] {
        assert_eq!(
            reported(text)
                .into_iter()
                .map(|(_, w)| w)
                .collect::<Vec<_>>(),
            [Some(who.to_owned())],
            "{text}"
        );
    }
}

#[test]
fn a_subject_before_a_long_apposition_is_the_speaker() {
    let found = reported(
        "Wilcox, whose education at the University of Tampa was paid for by the military \
         because he joined the Reserve Officers' Training Corps program as a student, said he \
         would like to see more students get such chances.",
    );
    assert_eq!(
        found.iter().map(|(_, w)| w.as_deref()).collect::<Vec<_>>(),
        [Some("Wilcox")],
        "{found:?}"
    );
}

#[test]
fn a_name_in_ing_opening_the_sentence_can_speak() {
    assert_eq!(
        analysed("Boreing said the members will still meet for drinks and speakers."),
        [(
            "the members will still meet for drinks and speakers".to_owned(),
            Some("Boreing".to_owned())
        )]
    );
}

#[test]
fn what_was_told_opens_at_its_subject_and_its_own_that() {
    assert_eq!(
        reported("Calabrese told the National Post he has already received hundreds of emails."),
        [(
            "he has already received hundreds of emails".to_owned(),
            Some("Calabrese".to_owned())
        )]
    );
    assert_eq!(
        reported("Wilson said it is important that she close the gap in February."),
        [(
            "it is important that she close the gap in February".to_owned(),
            Some("Wilson".to_owned())
        )]
    );
}

#[test]
fn they_is_no_single_person_last_quoted() {
    let text = "“I was never forced to work,” Valeska Paris said. The church denied it. They also \
                claimed Paris was a volunteer.";
    let analysis = analyse::entities(text, None, Some("en"));
    let quotes = analyse::quotes::find(text, &analysis);
    let q = quotes
        .iter()
        .find(|q| q.text.contains("volunteer"))
        .unwrap_or_else(|| panic!("{quotes:#?}"));
    assert_eq!(q.speaker, None, "{q:#?}");
    // The quotation before it keeps its speaker.
    assert!(quotes.iter().any(|q| q.speaker.is_some()), "{quotes:#?}");
}

#[test]
fn a_bare_quotation_after_a_paragraph_ending_in_a_persons_statement_is_theirs() {
    let found = analysed(
        "The baker Buddy Valastro praised Christie’s leadership after Hurricane Sandy.\n\n\
         “We need someone who’s going to cut through it and bring people together.”",
    );
    let bare = found
        .iter()
        .find(|(c, _)| c.starts_with("We need"))
        .expect("the quotation");
    assert_eq!(bare.1.as_deref(), Some("Buddy Valastro"), "{found:?}");
    // A body's finding hands nothing on: the quotation after it is often someone it cites.
    let found = analysed(
        "The FBI concluded this month that Clinton had been careless with classified mail.\n\n\
         “This has to be the first time a candidate has encouraged a foreign power.”",
    );
    assert!(
        found
            .iter()
            .all(|(c, s)| !c.starts_with("This has") || s.is_none()),
        "{found:?}"
    );
}

#[test]
fn a_passive_of_finding_without_its_agent_names_no_speaker() {
    for text in [
        "The navy saved 200 more after they were found swimming along the coast of Aceh.",
        "In March, a bundle of blueprints for a new headquarters were found stuffed in the trash.",
    ] {
        let q = find(text);
        assert!(q.iter().all(|q| q.speaker_span.is_none()), "{text}: {q:?}");
    }
}

#[test]
fn a_name_set_off_after_according_to_is_the_sources() {
    let found = analysed(
        "According to the Afghan team's coach, Alireza Mehraban, in their first matchup the \
         robot scored one or two points.",
    );
    assert_eq!(
        found,
        [(
            "in their first matchup the robot scored one or two points".to_owned(),
            Some("the Afghan team's coach".to_owned())
        )]
    );
}

#[test]
fn a_verb_joined_after_a_taken_quotation_reports_its_own_clause() {
    let found = analysed(
        "Mayor Ana Lopez called the budget “a disgrace” and said the council would vote \
         against it in March.",
    );
    assert!(
        found.contains(&(
            "the council would vote against it in March".to_owned(),
            Some("Mayor Ana Lopez".to_owned())
        )),
        "{found:?}"
    );
    let found = reported(
        "Smith said there was “some confusion” at the start, but he said the plan had worked.",
    );
    assert!(
        found.contains(&("the plan had worked".to_owned(), Some("he".to_owned()))),
        "{found:?}"
    );
}

#[test]
fn a_joined_clause_with_its_own_speaker_ends_what_the_first_reports() {
    assert_eq!(
        reported(
            "About four in 10 said they trust the council, but six in 10 said they want a new \
             mayor."
        ),
        [
            (
                "they trust the council".to_owned(),
                Some("About four in 10".to_owned())
            ),
            (
                "they want a new mayor".to_owned(),
                Some("six in 10".to_owned())
            ),
        ]
    );
    assert_eq!(
        reported("Jones said the bridge was safe, but he said the road needed repairs."),
        [
            ("the bridge was safe".to_owned(), Some("Jones".to_owned())),
            ("the road needed repairs".to_owned(), Some("he".to_owned())),
        ]
    );
}

#[test]
fn a_sentence_in_brackets_is_a_full_sentence() {
    assert_eq!(
        reported("(The firm's chief executive, Maria Olsen, said the timing was a coincidence.)"),
        [(
            "the timing was a coincidence".to_owned(),
            Some("Maria Olsen".to_owned())
        )]
    );
}

#[test]
fn a_person_opening_the_sentence_speaks_past_an_apposition_with_commas() {
    assert_eq!(
        analysed(
            "Daniel Brooks, a Dayton, Ohio, teacher who organised the march, said the schools \
             had been ignored for years."
        ),
        [(
            "the schools had been ignored for years".to_owned(),
            Some("Daniel Brooks".to_owned())
        )]
    );
}

#[test]
fn an_inverted_name_with_an_apposition_after_it_is_the_speaker() {
    assert_eq!(
        analysed(
            "With the harvest late again, the plan will not pass the senate this year, said \
             Laura Finch, a lobbyist who works for the farmers' union."
        ),
        [(
            "With the harvest late again, the plan will not pass the senate this year".to_owned(),
            Some("Laura Finch".to_owned())
        )]
    );
}

#[test]
fn a_number_with_a_thousands_separator_is_one_word() {
    assert_eq!(
        reported(
            "The union polled its members: 2,310 nurses said they would strike, while 95 \
                  would not."
        ),
        [(
            "they would strike, while 95 would not".to_owned(),
            Some("nurses".to_owned())
        )]
    );
}

#[test]
fn a_headline_naming_its_speaker_is_a_statement() {
    let found = analysed(
        "Mayor Rivera Says New Bridge Will Open in May\n\nCarlos Rivera spoke to reporters on \
         Monday.",
    );
    assert!(
        found.contains(&(
            "New Bridge Will Open in May".to_owned(),
            Some("Mayor Rivera".to_owned())
        )),
        "{found:?}"
    );
    let found = analysed(
        "Rivera: No new taxes for the harbour district\n\nCarlos Rivera spoke to reporters on \
         Monday.",
    );
    assert!(
        found.contains(&(
            "No new taxes for the harbour district".to_owned(),
            Some("Rivera".to_owned())
        )),
        "{found:?}"
    );
    // A place and a colon open no statement.
    let found = analysed("Lisbon: Thousands marched through the old town\n\nThe police were calm.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_quotation_in_an_opening_phrase_is_not_what_the_verb_reports() {
    assert_eq!(
        reported("On the “future of the harbour,” Olsen said the city would sell the old docks."),
        [(
            "the city would sell the old docks".to_owned(),
            Some("Olsen".to_owned())
        )]
    );
}

#[test]
fn according_to_without_a_comma_reports_the_words_before_it() {
    assert_eq!(
        reported(
            "The mayor leads her rival by nine points according to a poll by the Daily Star, \
             but the race is far from over."
        ),
        [(
            "The mayor leads her rival by nine points".to_owned(),
            Some("a poll by the Daily Star".to_owned())
        )]
    );
    assert_eq!(
        reported("In addition, according to the ministry, nine more schools will close in June."),
        [(
            "nine more schools will close in June".to_owned(),
            Some("the ministry".to_owned())
        )]
    );
    assert_eq!(
        reported(
            "Exports of wine rose by a tenth last year, according to figures the customs office \
             released."
        ),
        [(
            "Exports of wine rose by a tenth last year".to_owned(),
            Some("figures the customs office released".to_owned())
        )]
    );
}

#[test]
fn what_stands_before_the_subject_or_after_it_is_passed_over() {
    for (text, who) in [
        (
            "Port workers have long insisted that the cranes are unsafe.",
            "Port workers",
        ),
        (
            "Nearly three in four say they would pay more for local bread.",
            "Nearly three in four",
        ),
        (
            "Dock workers who spoke with the Daily Star said the cranes had failed twice.",
            "Dock workers who spoke with the Daily Star",
        ),
        (
            "Bread prices rose by a fifth in a year, according to a survey by the National Bakers Union.",
            "a survey by the National Bakers Union",
        ),
    ] {
        let found = reported(text);
        assert_eq!(
            found.iter().map(|(_, w)| w.as_deref()).collect::<Vec<_>>(),
            [Some(who)],
            "{text}: {found:?}"
        );
    }
    // "All told" is "in total", not a verb of telling.
    assert!(reported("All told, the port lost nine days of work to the strikes.").is_empty());
}

#[test]
fn an_opening_phrase_or_dateline_is_not_the_subject_a_participle_takes() {
    for (text, who) in [
        (
            "Shortly after the meeting ended, the union sent out a letter saying the strike \
             would go on.",
            "the union",
        ),
        (
            "Minutes later, the ministry sent out a letter saying the port would reopen.",
            "the ministry",
        ),
        (
            "Lisbon (Reuters) – Transport minister Rui Costa has taken a swipe at the plan, saying \
             the port cannot afford it.",
            "Transport minister Rui Costa",
        ),
    ] {
        // The subject's phrase opens there (without the analysis of verbs it may run on).
        let found = analysed(text);
        assert!(
            found.len() == 1 && found[0].1.as_deref().is_some_and(|w| w.starts_with(who)),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn a_participle_after_a_comma_reports_apart_from_the_verb_before_it() {
    assert_eq!(
        reported("The harbour master rejected the plan, saying the port cannot afford it."),
        [
            ("the plan".to_owned(), Some("The harbour master".to_owned())),
            (
                "the port cannot afford it".to_owned(),
                Some("The harbour master".to_owned())
            ),
        ]
    );
}

#[test]
fn whom_one_tells_ends_before_the_next_clause() {
    for (text, content) in [
        (
            "Costa told the Daily Star he’s already sold half of the fleet.",
            "he’s already sold half of the fleet",
        ),
        (
            "Costa told the AP his firm had never worked for the port.",
            "his firm had never worked for the port",
        ),
        (
            "Costa told a crowded hall at a hotel in downtown Lisbon that he would not give up.",
            "he would not give up",
        ),
    ] {
        assert_eq!(
            reported(text),
            [(content.to_owned(), Some("Costa".to_owned()))],
            "{text}"
        );
    }
}

#[test]
fn both_and_a_time_of_day_stand_between_speaker_and_verb() {
    for (text, who) in [
        (
            "The dock workers have both argued that the cranes are unsafe.",
            "The dock workers",
        ),
        (
            "The harbour master earlier in the day said the cranes were safe.",
            "The harbour master",
        ),
        ("Both said the cranes were safe.", "Both"),
    ] {
        let found = reported(text);
        assert_eq!(
            found.iter().map(|(_, w)| w.as_deref()).collect::<Vec<_>>(),
            [Some(who)],
            "{text}: {found:?}"
        );
    }
}
