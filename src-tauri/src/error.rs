//! What a command rejects with: `{code, message}` (DESIGN §5). The UI branches on `code` and shows
//! `message`; both come from kiosk-core, which never puts personal data in a message.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> CommandError {
        CommandError {
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

impl From<kiosk_core::Error> for CommandError {
    fn from(e: kiosk_core::Error) -> CommandError {
        CommandError::new(e.code(), e.to_string())
    }
}

impl From<kiosk_core::print::PrintError> for CommandError {
    fn from(e: kiosk_core::print::PrintError) -> CommandError {
        CommandError::new(e.code(), e.to_string())
    }
}

impl From<kiosk_core::sync::SyncFailure> for CommandError {
    fn from(f: kiosk_core::sync::SyncFailure) -> CommandError {
        CommandError {
            code: f.code,
            message: f.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The UI parses exactly this shape (ui/src/app-info.ts, describeError).
    #[test]
    fn errors_cross_ipc_as_code_and_message() -> Result<(), serde_json::Error> {
        let e = CommandError::from(kiosk_core::Error::SupervisorOnly);
        assert_eq!(
            serde_json::to_value(&e)?,
            serde_json::json!({
                "code": "supervisor_only",
                "message": "Only a supervisor may do this: ask a supervisor to sign in."
            })
        );
        Ok(())
    }
}
