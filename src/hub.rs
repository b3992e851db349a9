//! The one event log every transport reads from (being written).
