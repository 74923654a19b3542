//! The command line: `brief`, `brief check`, `brief search`, `brief show`.

mod check;
mod out;
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
    /// The briefing folder [default: $`BRIEF_DIR`, else ./briefings]
    #[arg(long, global = true, value_name = "DIR")]
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
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy-search every entity, best first; exit 1 when nothing matches
    Search(search::SearchArgs),
}

/// The folder: `--dir`, else `$BRIEF_DIR`, else `./briefings`.
pub fn folder(dir: Option<&Path>) -> PathBuf {
    if let Some(dir) = dir {
        return dir.to_path_buf();
    }
    match std::env::var_os("BRIEF_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from("briefings"),
    }
}

/// Loads the folder, or says why not (exit status 2).
pub fn load(dir: &Path) -> Result<Corpus, ExitCode> {
    crate::load::load(dir).map_err(|e| {
        let shown = crate::text::sanitize_line(&dir.to_string_lossy()).into_owned();
        eprintln!("brief: cannot read the briefing folder '{shown}': {e}");
        eprintln!("brief: name one with --dir DIR or BRIEF_DIR, or create ./briefings");
        ExitCode::from(2)
    })
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let dir = folder(cli.dir.as_deref());
    if cli.command.is_none() {
        return crate::reader::run(dir, cli.color, cli.ascii);
    }
    let color = color_enabled(cli.color, std::io::stdout().is_terminal());
    if let Some(Command::Search(args)) = &cli.command {
        return search::main(&dir, args, color);
    }
    let corpus = match load(&dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // The command line shows and checks marks but never writes or moves the state file.
    let (state, notice) = crate::state::ReviewFile::inspect_default();
    if let Some(notice) = notice {
        eprintln!("brief: {}", crate::text::sanitize_line(&notice));
    }
    let mut out = Out::stdout(color);
    let result = match &cli.command {
        Some(Command::Check) => check::run(&corpus, &state, &mut out),
        Some(Command::Show { id, json }) => show::run(&corpus, &state, id, *json, &mut out),
        Some(Command::Search(_)) => unreachable!("search reads its own index above"),
        None => unreachable!("the reader is started above"),
    };
    // The corpus ends with the process: freeing it piece by piece only delays the exit.
    std::mem::forget(corpus);
    out.finish(result)
}
