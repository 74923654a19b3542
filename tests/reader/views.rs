//! Questions over the whole folder (issue 10): filters in the finder and on
//! the list and panes, and the views over the filtered set.

use super::*;

/// A bad filter in the finder: said on its query line, the last good
/// results kept; Enter goes nowhere until it is fixed.
#[test]
fn the_finder_says_what_is_wrong_with_a_filter_and_keeps_the_last_results() {
    let (mut app, _state) = app_with_state("finder-filter");
    select_claim(&mut app, "neumann-is-claim-genuine");
    press(&mut app, "f /");
    type_text(&mut app, "is:flagged");
    let hits: Vec<&str> = app.finder().unwrap().hits().iter().map(|h| app.corpus().entity(h.entity).id.as_str()).collect();
    assert_eq!(hits, ["neumann-is-claim-genuine"], "the finder reads the marks");
    type_text(&mut app, " is:fla");
    let hint = app.finder().unwrap().error().expect("not valid yet");
    assert!(hint.incomplete, "a filter being typed is a hint, not an error");
    type_text(&mut app, "ed");
    let finder = app.finder().unwrap();
    assert_eq!(finder.query(), "is:flagged is:flaed");
    let error = finder.error().expect("a bad filter");
    assert!(!error.incomplete && error.message.contains("did you mean 'flagged'?"), "{error:?}");
    assert_eq!(finder.hits().len(), 1, "the last good results stay");
    let drawn = screen(&mut app, 80, 24, UNICODE);
    assert!(drawn.contains("is:flaed: unknown state") && drawn.contains("not a valid query"), "{drawn}");
    press(&mut app, "Enter");
    assert!(app.finder().is_some(), "Enter waits for a valid query");
}
