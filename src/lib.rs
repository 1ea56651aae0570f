//! `minutes`: take minutes live in a meeting, from the terminal.
//!
//! The dependency rule: the pure core (`model`, `grammar`, `export`) knows
//! nothing of the terminal, the clock or the filesystem; `storage` adds
//! files; the TUI and the command line sit on top. A test greps the core
//! for forbidden names so the rule cannot quietly erode.

pub mod app;
pub mod cli;
pub mod complete;
pub mod export;
pub mod fold;
pub mod grammar;
pub mod help;
pub mod irc;
pub mod keymap;
pub mod listing;
pub mod model;
pub mod msg;
pub mod panes;
pub mod retype;
pub mod runtime;
pub mod saver;
pub mod script;
pub mod seal;
pub mod start;
pub mod storage;
pub mod synth;
pub mod ui;
pub mod update;
