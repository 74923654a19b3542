//! A file that stops parsing under a running reader (issue "Answers you can
//! trust", item 4): the briefing being read stays, as it last parsed, marked
//! stale with the error's place; `!` lists that error first; mended, the
//! mark goes.

use super::*;

const MOSCOW: &str = "moscow-attack-2024.toml";
const GOOD: &str = "id = \"us-embassy-moscow\"\n";
const BROKEN: &str = "id = \"us-embassy-moscow\n";

/// The Moscow briefing's text, and the line `us-embassy-moscow`'s id is on.
fn moscow(dir: &Path) -> (String, usize) {
    let text = std::fs::read_to_string(dir.join(MOSCOW)).unwrap();
    let line = text[..text.find(GOOD).expect("the id line")].lines().count() + 1;
    (text, line)
}

#[test]
fn a_briefing_whose_file_stops_parsing_stays_open_marked_stale_until_it_parses() {
    let dir = copied_folder("stale");
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    select_claim(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "Enter");
    select_link(&mut app, "telegram-is-message-fake");
    let (good, line) = moscow(&dir);
    // One missing quote: the parser stops at the end of its line.
    std::fs::write(dir.join(MOSCOW), good.replacen(GOOD, BROKEN, 1)).unwrap();
    reload(&mut app, &dir);
    assert_eq!(open(&app), "moscow-attack-2024", "the same briefing stays open");
    assert_eq!((app.focus(), subject(&app)), (Pane::Detail, "neumann-is-claim-genuine"));
    assert_eq!(app.detail_links()[app.selection(Pane::Detail)].target, "telegram-is-message-fake");
    let c = app.corpus();
    assert!(c.entities.iter().all(|e| e.links.iter().all(|l| l.to().is_some())), "every link still resolves");
    let place = format!("{line}:{}", BROKEN.len());
    let said = format!("stale: invalid TOML at {place}");
    for (w, h) in [(80, 24), (160, 48)] {
        let text = screen(&mut app, w, h, UNICODE);
        assert!(text.contains(&said), "the header says so at {w}x{h}:\n{text}");
        assert!(!text.contains('✗'), "no link shows broken at {w}x{h}:\n{text}");
        let list_row = text.lines().find(|l| l.contains("Attack near")).unwrap();
        assert!(list_row.contains('⚠'), "the list marks it at {w}x{h}:\n{text}");
    }
    let text = screen(&mut app, 80, 24, UNICODE);
    assert!(footer(&text).contains(&format!("{MOSCOW} no longer parses")), "{text}");
    // The detail view of anything of the file says it too.
    press(&mut app, "Esc");
    let text = screen(&mut app, 160, 48, UNICODE);
    assert!(text.lines().filter(|l| l.contains(&said)).count() >= 2, "header and detail:\n{text}");

    press(&mut app, "!");
    let text = screen(&mut app, 80, 24, UNICODE);
    let first = text.lines().skip_while(|l| !l.contains("Problems")).nth(1).unwrap();
    assert!(first.contains(&format!("error: {MOSCOW}:{place}")), "the syntax error comes first:\n{text}");
    assert!(text.contains("shown as it last parsed"), "{text}");
    assert_eq!(app.corpus().diagnostics.len(), 1, "nothing else is broken: {:?}", app.corpus().diagnostics);
    press(&mut app, "Esc");

    std::fs::write(dir.join(MOSCOW), &good).unwrap();
    reload(&mut app, &dir);
    let text = screen(&mut app, 80, 24, UNICODE);
    assert!(!text.contains("stale") && !text.contains('⚠'), "mended, the mark goes:\n{text}");
    assert!(footer(&text).contains(&format!("{MOSCOW} parses again")), "{text}");
    assert!(app.corpus().stale.is_empty() && app.corpus().diagnostics.is_empty());
    assert_eq!((open(&app), subject(&app)), ("moscow-attack-2024", "neumann-is-claim-genuine"));
}

/// With no last good version (a reader started on the folder, as `brief
/// check` reads it), the file's error leads the problems, the note and the
/// links it breaks elsewhere follow.
#[test]
fn with_no_last_good_version_the_syntax_error_leads_the_links_it_breaks() {
    let dir = copied_folder("stale-start");
    let (good, line) = moscow(&dir);
    std::fs::write(dir.join(MOSCOW), good.replacen(GOOD, BROKEN, 1)).unwrap();
    let mut app = App::new(Arc::new(brief::load::load(&dir).unwrap()));
    let d = &app.corpus().diagnostics;
    assert!(d.len() > 10, "{d:?}");
    assert_eq!((d[0].line, d[0].message.starts_with("invalid TOML")), (line as u32, true), "{d:?}");
    assert_eq!(d[1].severity, brief::Severity::Note, "{d:?}");
    assert!(d[2..].iter().all(|d| d.message.starts_with("unknown ")), "{d:?}");
    press(&mut app, "!");
    let text = screen(&mut app, 80, 24, UNICODE);
    let first = text.lines().skip_while(|l| !l.contains("Problems")).nth(1).unwrap();
    assert!(first.contains(&format!("error: {MOSCOW}:{line}:")), "{text}");
}
