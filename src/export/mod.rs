//! Formatted minutes. Pure: a meeting in, text out.
