//! The ACH matrix at scale: `cargo bench --bench ach`. One briefing of 200
//! claims and 8 hypotheses, every cell rated in a state file: opening its
//! matrix in the reader (built from the state, scored, drawn at 160x45),
//! and rating one cell from the keyboard, which saves the file and re-scores
//! and redraws. Target: each ≤ 16 ms (one frame at 60 Hz).

use std::fmt::Write as _;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use brief::reader::app::App;
use brief::reader::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const RUNS: usize = 15;
const TARGET: Duration = Duration::from_millis(16);

fn median(mut f: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS).map(|_| f()).collect();
    times.sort();
    times[RUNS / 2]
}

fn key(app: &mut App, c: char) {
    let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    app.key(&KeyEvent::new(KeyCode::Char(c), mods));
}

fn key_code(app: &mut App, code: KeyCode) {
    app.key(&KeyEvent::new(code, KeyModifiers::NONE));
}

fn draw(app: &mut App, terminal: &mut Terminal<TestBackend>, theme: &Theme) {
    let mut vp = app.viewport();
    terminal.draw(|f| brief::reader::ui::draw(f, app, theme, &mut vp)).expect("draws");
    app.laid_out(vp);
}

fn main() -> ExitCode {
    let dir = std::env::temp_dir().join(format!("brief-bench-ach-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let mut text = String::from(
        "id = \"big\"\ntitle = \"A big matrix\"\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nreliability = \"B\"\n",
    );
    for i in 0..200 {
        let _ = write!(
            text,
            "[[claims]]\nid = \"c{i}\"\ntext = \"Claim number {i} of the big matrix.\"\nsources = [\"s\"]\ncredibility = {}\n",
            i % 6 + 1
        );
    }
    for h in 0..8 {
        let _ = write!(text, "[[hypotheses]]\nid = \"h{h}\"\ntext = \"Hypothesis {h}.\"\n");
    }
    std::fs::write(dir.join("big.toml"), text).expect("briefing");
    let ratings = ["CC", "C", "N", "NA", "I", "II"];
    let mut state = String::from("version = 2\n");
    for i in 0..200 {
        let cells: Vec<String> = (0..8).map(|h| format!("h{h} = \"{}\"", ratings[(i * 7 + h * 3) % 6])).collect();
        let _ = write!(state, "\n[marks.c{i}]\nratings = {{ {} }}\n", cells.join(", "));
    }
    let state_path = dir.join("state.toml");
    std::fs::write(&state_path, state).expect("state");
    let corpus = Arc::new(brief::load::load(&dir).expect("loads"));
    let theme = Theme::new(true, false);
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).expect("terminal");

    let open = median(|| {
        let mut app = App::new(Arc::clone(&corpus));
        app.set_store(brief::state::ReviewFile::open(&state_path).0);
        key_code(&mut app, KeyCode::Enter);
        let start = Instant::now();
        key(&mut app, 'M');
        draw(&mut app, &mut terminal, &theme);
        start.elapsed()
    });
    let mut app = App::new(Arc::clone(&corpus));
    app.set_store(brief::state::ReviewFile::open(&state_path).0);
    key_code(&mut app, KeyCode::Enter);
    key(&mut app, 'M');
    draw(&mut app, &mut terminal, &theme);
    let mut flip = false;
    let rate = median(|| {
        flip = !flip;
        let start = Instant::now();
        key(&mut app, if flip { 'I' } else { 'C' });
        draw(&mut app, &mut terminal, &theme);
        start.elapsed()
    });
    let scored = median(|| {
        let m = app.matrix_of(corpus.briefings[0]);
        let start = Instant::now();
        let s = m.score();
        std::hint::black_box(&s);
        start.elapsed()
    });
    let _ = std::fs::remove_dir_all(&dir);
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("ach: 200 claims x 8 hypotheses");
    println!("  open the matrix and draw it:        {:8.2} ms (target <= 16)", ms(open));
    println!("  rate a cell (save, re-score, draw): {:8.2} ms (target <= 16)", ms(rate));
    println!("  score alone (linchpins included):   {:8.3} ms", ms(scored));
    if open > TARGET || rate > TARGET {
        println!("over the target");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
