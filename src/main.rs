//! `minutes`: parse the command line, run, and report any failure as one
//! sentence on stderr with a non-zero exit. Never a backtrace.

use std::process::ExitCode;
use std::sync::Mutex;

use clap::Parser;
use minutes::cli::{self, Cli, Next};
use minutes::runtime;

/// The last panic's message, kept by the hook for the one-line report.
static PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        runtime::restore_terminal();
        if let Ok(mut slot) = PANIC.lock() {
            *slot = Some(info.to_string());
        }
    }));
    let cli = Cli::parse();
    let outcome = std::panic::catch_unwind(|| run(cli));
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            say(&format!("minutes: {e}"));
            ExitCode::FAILURE
        }
        Err(_) => {
            let what = PANIC
                .lock()
                .ok()
                .and_then(|mut s| s.take())
                .unwrap_or_default();
            say(&format!(
                "minutes: stopped by a bug, nothing was changed ({what})."
            ));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), cli::Failure> {
    match cli::run(cli)? {
        Next::Done => Ok(()),
        Next::Open(path) => runtime::open_meeting(&path),
        Next::StartScreen(dir) => match runtime::start_screen(&dir)? {
            Some(path) => runtime::open_meeting(&path),
            None => Ok(()),
        },
    }
}

/// One line on stderr. Not `eprintln!`, which panics if stderr is gone (a
/// closed terminal): there is nobody to tell then, and that is fine.
///
/// Control characters are shown visibly (R16): a message names files, and
/// a file name can hold an escape sequence or a newline.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{}", cli::visible(line, &[]));
}
