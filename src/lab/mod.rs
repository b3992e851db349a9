//! What the playground measures and the faults it can inject (being written).

/// Initial settings of the playground.
#[derive(Debug, Clone)]
pub struct LabSettings {
    /// Ticker events per second (0 stops the ticker).
    pub ticker_rate: f64,
}

impl Default for LabSettings {
    fn default() -> Self {
        Self { ticker_rate: 1.0 }
    }
}
