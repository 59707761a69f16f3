//! Why a printout cannot be made. Like [`crate::Error`], every variant has a stable `code()` and a
//! message for people that never repeats a customer's personal data; it converts into
//! [`crate::Error`] for callers that work with the crate's one error type.

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The data to print is unusable: names the field and why.
    #[error("The {what} cannot be printed: {reason}")]
    InvalidInput { what: &'static str, reason: String },

    /// The embedded typeface could not be read or subset (a build defect, not a data problem).
    #[error("The printout's font cannot be prepared: {0}")]
    Font(String),

    /// printpdf refused the document.
    #[error("The PDF cannot be written: {0}")]
    Pdf(String),
}

impl ReportError {
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::InvalidInput { .. } => "report_invalid_input",
            ReportError::Font(_) => "report_font",
            ReportError::Pdf(_) => "report_pdf",
        }
    }

    pub(crate) fn invalid(what: &'static str, reason: impl Into<String>) -> ReportError {
        ReportError::InvalidInput {
            what,
            reason: reason.into(),
        }
    }
}

impl serde::Serialize for ReportError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::error::serialize_code_message(serializer, self.code(), &self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_error_keeps_its_code_and_message_as_a_crate_error() {
        let e = ReportError::invalid("signature", "the signature is empty");
        let json = serde_json::to_value(&e).unwrap_or_default();
        assert_eq!(json["code"], "report_invalid_input");
        assert_eq!(
            json["message"],
            "The signature cannot be printed: the signature is empty"
        );
        let crate_error = crate::Error::from(e);
        assert_eq!(crate_error.code(), "report_invalid_input");
        let json = serde_json::to_value(&crate_error).unwrap_or_default();
        assert_eq!(
            json["message"],
            "The signature cannot be printed: the signature is empty"
        );
    }
}
