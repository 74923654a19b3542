//! The command line: `brief`, `brief check`, `brief search`, `brief show`.

mod ach;
mod check;
mod diff;
mod dossier;
mod export;
mod import;
mod import_marks;
pub mod json;
mod out;
mod pack;
mod page;
mod search;
mod show;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use crate::display::{ColorChoice, color_enabled};
pub use out::Out;

use crate::model::Corpus;

#[derive(Parser, Debug)]
#[command(name = "brief", version, about = "A terminal reader for analytic briefings")]
pub struct Cli {
    #[arg(
        value_name = "ID|/QUERY",
        help = "Open the reader on this entity, or on /QUERY with the finder showing its matches"
    )]
    pub start: Option<String>,
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help = "The briefing folder [default: $BRIEF_DIR, else the config file's dir, else ./briefings]"
    )]
    pub dir: Option<PathBuf>,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Draw borders and symbols with plain ASCII
    #[arg(long, global = true)]
    pub ascii: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate the folder: one line per problem, exit 1 on errors
    Check,
    /// Print one entity with its links and backlinks
    Show {
        id: String,
        /// One JSON object
        #[arg(long, conflicts_with = "full")]
        json: bool,
        /// A briefing whole, in reading order: BLUF, summary, actors, claims, precedents, sources
        #[arg(long)]
        full: bool,
    },
    /// Fuzzy-search every entity, best first; exit 1 when nothing matches
    Search(search::SearchArgs),
    /// Entities added, removed and changed between two git revisions (default: HEAD and the folder now)
    Diff {
        /// The older revision [default: HEAD]
        from: Option<String>,
        /// The newer revision [default: the folder as it is now]
        to: Option<String>,
        /// One JSON object: {added, removed, changed}
        #[arg(long)]
        json: bool,
    },
    /// Briefings out: a Markdown briefing pack, a STIX 2.1 bundle, or the loaded model as JSON
    Export {
        /// Briefings (or entities, for their briefings) to export [default: all]
        ids: Vec<String>,
        /// Every briefing
        #[arg(long)]
        all: bool,
        /// What to write
        #[arg(long, value_enum, default_value_t = export::Format::Markdown)]
        format: export::Format,
        /// Write to FILE (atomically; 0600 for TLP:AMBER or RED, else as the umask allows); `-` is standard output
        #[arg(short, value_name = "FILE")]
        o: Option<PathBuf>,
        /// Add your review marks and notes (Markdown) and your ACH ratings (Markdown, STIX)
        #[arg(long)]
        marks: bool,
    },
    /// A STIX 2.1 bundle in: one briefing file per report
    Import {
        /// The bundle (JSON)
        file: PathBuf,
        /// The folder to write into [default: the briefing folder]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Overwrite files this import did not write (and, with --marks, ratings of yours that differ)
        #[arg(long)]
        force: bool,
        /// Take the ACH ratings and relevances the bundle carries into your review state
        #[arg(long)]
        marks: bool,
    },
    /// The commits that changed one entity's content, newest first
    Log {
        id: String,
        /// A JSON array of {commit, author, date, subject, fields}
        #[arg(long)]
        json: bool,
    },
    /// Rate a claim against a hypothesis (CC, C, N, NA, I, II; - clears), or set its relevance
    Rate {
        claim: String,
        hypothesis: Option<String>,
        rating: Option<String>,
        /// low, medium or high
        #[arg(long, value_name = "LEVEL", conflicts_with_all = ["hypothesis", "rating"])]
        relevance: Option<String>,
    },
    /// A briefing's ACH matrix and scores
    Ach {
        briefing: String,
        /// {briefing, hypotheses: [{id, text, inconsistency, weighted}], evidence: [{id, grade, diagnostic, linchpin, ratings}]}
        #[arg(long)]
        json: bool,
        /// Every analyst's ratings side by side, and where they disagree (shared review)
        #[arg(long)]
        team: bool,
    },
}

/// A command the word is a typo of (`chek`, `serch`): `brief WORD` would
/// otherwise open the reader looking for an entity of that id.
fn near_command(word: &str) -> Option<&'static str> {
    if word.starts_with('/') || word.len() > 8 {
        return None;
    }
    // A command itself only gets here after `--`: then it is meant as an id.
    let commands = ["check", "show", "search", "diff", "log", "export", "import", "rate", "ach", "help"];
    if commands.contains(&word) {
        return None;
    }
    commands.into_iter().find(|c| strsim::levenshtein(word, c) <= 2)
}

/// The first argument that is neither an option nor an option's value.
fn first_word() -> Option<String> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--" => return None,
            "--dir" | "--color" => drop(args.next()),
            a if a.starts_with('-') => {}
            _ => return Some(arg),
        }
    }
    None
}

fn misspelt(word: &str, near: &str) -> ExitCode {
    let s = crate::text::sanitize_line(word).into_owned();
    eprintln!("error: '{s}' is not a command; did you mean '{near}'?");
    eprintln!("(to open the reader on an entity with that id: brief -- {s})");
    ExitCode::from(2)
}

/// The folder: `--dir`, else `$BRIEF_DIR`, else the config file's `dir`,
/// else `./briefings`.
pub fn folder(dir: Option<&Path>, config: &crate::config::Config) -> PathBuf {
    if let Some(dir) = dir {
        return dir.to_path_buf();
    }
    match std::env::var_os("BRIEF_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => config.dir.clone().unwrap_or_else(|| PathBuf::from("briefings")),
    }
}

/// Loads the folder, or says why not (exit status 2).
pub fn load(dir: &Path) -> Result<Corpus, ExitCode> {
    let loaded = crate::folder::load(dir).map_err(|e| {
        let shown = crate::text::sanitize_line(&dir.to_string_lossy()).into_owned();
        eprintln!("brief: cannot read the briefing folder '{shown}': {e}");
        eprintln!("brief: name one with --dir DIR or BRIEF_DIR, or create ./briefings");
        ExitCode::from(2)
    });
    cache_notice();
    loaded
}

/// Says, once, that the cache folder asked for was not safe to use.
pub fn cache_notice() {
    if let Some(notice) = crate::folder::store::take_notice() {
        eprintln!("brief: {notice}");
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // `brief serch fake`: a misspelt command is said so, whatever follows it.
        Err(e) => match first_word().as_deref().and_then(near_command) {
            Some(near) if e.use_stderr() => return misspelt(&first_word().unwrap_or_default(), near),
            _ => e.exit(),
        },
    };
    let (config, settings, config_problems) = crate::reader::settings::load();
    let dir = folder(cli.dir.as_deref(), &config);
    if let Some(near) = cli.start.as_deref().and_then(near_command) {
        return misspelt(cli.start.as_deref().unwrap_or_default(), near);
    }
    if let (Some(start), Some(_)) = (&cli.start, &cli.command) {
        let s = crate::text::sanitize_line(start).into_owned();
        eprintln!("error: '{s}' before a command: give an entity to open (brief {s}) or a command, not both");
        return ExitCode::from(2);
    }
    if cli.command.is_none() {
        let start = cli.start.map(|s| match s.strip_prefix('/') {
            Some(query) => crate::reader::app::Start::Query(query.to_string()),
            None => crate::reader::app::Start::Id(s),
        });
        let notice = crate::config::notice(&config_problems);
        let setup = crate::reader::Setup { config, settings, notice };
        return crate::reader::run(dir, (cli.color, cli.ascii), setup, start);
    }
    let color = color_enabled(cli.color, std::io::stdout().is_terminal());
    match &cli.command {
        Some(Command::Search(args)) => return search::main(&dir, args, color, config.analyst.as_deref()),
        Some(Command::Diff { from, to, json }) => {
            let mut out = Out::stdout(color);
            let result = diff::run(&dir, from.as_deref(), to.as_deref(), *json, &mut out);
            return out.finish(result);
        }
        Some(Command::Import { file, out, force, marks }) => {
            let to = out.as_deref().unwrap_or(&dir);
            let how = import::How { force: *force, marks: *marks, analyst: config.analyst.as_deref() };
            return import::run(file, to, &how, &mut std::io::stdout()).unwrap_or(ExitCode::FAILURE);
        }
        Some(Command::Log { id, json }) => {
            let mut out = Out::stdout(color);
            let result = diff::log(&dir, id, *json, &mut out);
            return out.finish(result);
        }
        _ => {}
    }
    let corpus = match load(&dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Some(Command::Rate { claim, hypothesis, rating, relevance }) = &cli.command {
        // The one command that writes review state: opened as the reader opens it.
        let (mut store, _, notice) = crate::team::open(&dir, crate::state::private_path(), config.analyst.as_deref());
        if let Some(notice) = notice.filter(|n| !n.starts_with("shared review:")) {
            eprintln!("brief: {}", crate::text::sanitize_line(&notice));
        }
        let args = ach::RateArgs {
            claim,
            hypothesis: hypothesis.as_deref(),
            rating: rating.as_deref(),
            relevance: relevance.as_deref(),
        };
        return ach::rate(&corpus, &mut store, &args);
    }
    // Other commands show and check marks but never write or move the state file.
    let (state, team, notice) = crate::team::inspect(&dir, config.analyst.as_deref());
    if let Some(notice) = notice {
        eprintln!("brief: {}", crate::text::sanitize_line(&notice));
    }
    let mut out = match &cli.command {
        Some(Command::Show { json: false, .. }) => Out::screen(color),
        _ => Out::stdout(color),
    };
    let result = match &cli.command {
        Some(Command::Check) => check::run(&corpus, (&state, team.as_ref()), &config_problems, &mut out),
        Some(Command::Show { id, json, full }) => {
            show::run(&corpus, (&state, team.as_ref()), id, (*json, *full), &mut out)
        }
        Some(Command::Export { ids, all, format, o, marks }) => {
            export::run(&corpus, &state, (ids, *all), (*format, *marks), o.as_deref(), &mut out)
        }
        Some(Command::Ach { briefing, json, team: with_team }) => {
            ach::run(&corpus, (&state, team.as_ref()), briefing, (*json, *with_team), &mut out)
        }
        Some(
            Command::Search(_)
            | Command::Diff { .. }
            | Command::Log { .. }
            | Command::Import { .. }
            | Command::Rate { .. },
        ) => {
            unreachable!("search, diff and log read the folder themselves, above")
        }
        None => unreachable!("the reader is started above"),
    };
    // The corpus ends with the process: freeing it piece by piece only delays the exit.
    std::mem::forget(corpus);
    out.finish(result)
}
