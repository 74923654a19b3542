//! The seed briefings say what their one news report says and nothing more:
//! the five places a line-by-line check against the report found them saying
//! more, checked on the briefings as loaded.

use super::*;

fn seed() -> Corpus {
    let c = load(&common::briefings()).expect("the seed briefings load");
    assert_eq!(c.diagnostics, [], "the seed is clean");
    c
}

fn targets(c: &Corpus, id: &str, field: LinkField) -> Vec<String> {
    c.entity(id_of(c, id)).links_in(field).map(|l| l.target(c).to_string()).collect()
}

fn links(c: &Corpus, id: &str, field: LinkField, to: &str) -> bool {
    targets(c, id, field).iter().any(|t| t == to)
}

fn claim_text<'a>(c: &'a Corpus, id: &str) -> &'a str {
    let Body::Claim(claim) = c.entity(id_of(c, id)).body() else { panic!("{id} is a claim") };
    &claim.text
}

/// "the attack near Moscow that left 62 dead": no "at the time of the report",
/// in the claim or in what repeats the figure.
#[test]
fn the_death_toll_is_the_reports_figure_without_a_gloss() {
    let c = seed();
    assert_eq!(claim_text(&c, "attack-death-toll-62"), "The attack near Moscow left 62 dead.");
    let Some(briefing) = c.briefing(id_of(&c, "moscow-attack-2024")) else { panic!("a briefing") };
    let mut prose = vec![briefing.summary.clone().unwrap_or_default(), briefing.bluf.clone().unwrap_or_default()];
    for id in ["dubrovka-siege-2002", "beslan-siege-2004"] {
        let Body::Precedent(p) = c.entity(id_of(&c, id)).body() else { panic!("{id} is a precedent") };
        prose.extend(p.similarities.iter().chain(&p.differences).cloned());
    }
    for text in prose {
        assert!(!text.contains("at the time of the report"), "{text}");
    }
}

/// The report says "special forces" and "security forces", never whose, and
/// that the gas was used "by the military".
#[test]
fn the_forces_that_ended_the_sieges_are_not_called_russian() {
    let c = seed();
    for entity in &c.entities {
        let Body::Actor(actor) = entity.body() else { continue };
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            let name = name.to_lowercase();
            assert!(name != "russian special forces" && name != "russian security forces", "{}: {name}", entity.id);
        }
    }
    for (claim, forces, name) in [
        ("dubrovka-130-deaths", "russian-special-forces", "Special forces"),
        ("beslan-330-deaths", "russian-security-forces", "Security forces"),
    ] {
        assert!(links(&c, claim, LinkField::About, forces), "{claim} names the forces");
        let Body::Actor(actor) = c.entity(id_of(&c, forces)).body() else { panic!("{forces} is an actor") };
        assert_eq!(actor.name, name);
        assert!(!actor.role.as_deref().unwrap_or_default().contains("gas"), "the military used the gas");
        assert_eq!(targets(&c, forces, LinkField::Affiliations), Vec::<String>::new(), "no state is named");
    }
}

/// The narrative is "that Ukraine was responsible"; the Ukrainian leadership
/// is only in Medvedev's threat.
#[test]
fn the_ukraine_narrative_is_about_ukraine_not_its_leadership() {
    let c = seed();
    for claim in ["ukraine-responsible-narrative", "neumann-fake-news-ukraine-narrative"] {
        let about = targets(&c, claim, LinkField::About);
        assert!(!links(&c, claim, LinkField::About, "ukrainian-leadership"), "{claim}: {about:?}");
        assert!(links(&c, claim, LinkField::About, "ukraine"), "{claim}: {about:?}");
    }
    assert_eq!(c.entity(id_of(&c, "ukraine")).label(), "Ukraine");
    let Body::Actor(leadership) = c.entity(id_of(&c, "ukrainian-leadership")).body() else { panic!("an actor") };
    let role = leadership.role.as_deref().unwrap_or_default();
    assert!(role.contains("Medvedev") && !role.contains("narrative"), "{role}");
    assert!(links(&c, "medvedev-threat-ukrainian-leadership", LinkField::About, "ukrainian-leadership"));
}

/// Neumann vouches that the message came from IS, not for what it says; and
/// only his fake-news claim sets him against the Ukraine narrative.
#[test]
fn neumanns_claims_link_only_what_he_said() {
    let c = seed();
    let genuine = "neumann-is-claim-genuine";
    assert!(!links(&c, genuine, LinkField::Supports, "is-claims-krasnogorsk-attack"), "not what the message says");
    assert!(links(&c, genuine, LinkField::About, "is-claims-krasnogorsk-attack"), "but the message it is about");
    assert!(links(&c, genuine, LinkField::Contradicts, "telegram-is-message-fake"), "and against calling it fake");
    let behind = id_of(&c, "neumann-is-behind-attack");
    let narrative = id_of(&c, "ukraine-responsible-narrative");
    assert!(!c.contradictions(behind).contains(&narrative), "neither way round");
    let fake_news = id_of(&c, "neumann-fake-news-ukraine-narrative");
    assert!(c.contradictions(fake_news).contains(&narrative), "his own words carry the link");
}

/// The Telegram channels' claim is known only as Neumann relayed it, as the
/// embassy's warning is.
#[test]
fn the_telegram_claim_says_it_is_known_as_neumann_relayed_it() {
    let c = seed();
    for id in ["telegram-is-message-fake", "us-embassy-attack-warning"] {
        let text = claim_text(&c, id);
        assert!(text.contains("known from this report only as Neumann relayed it"), "{id}: {text}");
    }
}
