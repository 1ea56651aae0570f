//! Meeting files on disk.
