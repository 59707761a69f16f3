//! Which TLS certificates the kiosk trusts for the central API.
//!
//! By default the public web roots (Mozilla's, built in: a counter PC's own certificate store is
//! not consulted, so a root added to it by someone else is not trusted either). Store IT can pin
//! IPKO's own CA instead by putting it, PEM-encoded, into the data folder as `central-ca.pem`:
//! then only certificates issued under it are trusted, and the public roots are not.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The pinned CA file inside the data folder.
pub const PINNED_CA_FILE: &str = "central-ca.pem";

/// The trust of the central API's TLS certificate.
#[derive(Clone, Default)]
pub struct CentralTrust {
    pinned: Option<(PathBuf, Vec<reqwest::Certificate>)>,
}

impl std::fmt::Debug for CentralTrust {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.pinned {
            None => f.write_str("CentralTrust(public roots)"),
            Some((path, certs)) => write!(
                f,
                "CentralTrust(pinned: {} certificate(s) of {})",
                certs.len(),
                path.display()
            ),
        }
    }
}

/// Two trusts are alike when they pin the same file (or none): what a configuration compares.
impl PartialEq for CentralTrust {
    fn eq(&self, other: &Self) -> bool {
        self.pinned_file() == other.pinned_file()
    }
}

impl CentralTrust {
    /// The public web roots.
    pub fn public_roots() -> CentralTrust {
        CentralTrust::default()
    }

    /// The trust of a data folder: its `central-ca.pem` when there is one, the public roots
    /// otherwise. A pinned file that cannot be read is an error, never a silent fallback to the
    /// public roots.
    pub fn for_data_dir(data_dir: &Path) -> Result<CentralTrust> {
        let path = data_dir.join(PINNED_CA_FILE);
        let pem = match std::fs::read(&path) {
            Ok(pem) => pem,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(CentralTrust::public_roots())
            }
            Err(e) => {
                return Err(Error::PinnedCaUnusable {
                    path,
                    reason: e.to_string(),
                })
            }
        };
        let certs =
            reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| Error::PinnedCaUnusable {
                path: path.clone(),
                reason: e.to_string(),
            })?;
        if certs.is_empty() {
            return Err(Error::PinnedCaUnusable {
                path,
                reason: "it holds no PEM certificate".into(),
            });
        }
        Ok(CentralTrust {
            pinned: Some((path, certs)),
        })
    }

    /// The trust of the data folder holding a store's database.
    pub fn beside(db_path: &Path) -> Result<CentralTrust> {
        CentralTrust::for_data_dir(db_path.parent().unwrap_or(Path::new(".")))
    }

    /// The pinned file, when one is in force.
    pub fn pinned_file(&self) -> Option<&Path> {
        self.pinned.as_ref().map(|(path, _)| path.as_path())
    }

    pub(crate) fn apply(&self, builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
        match &self.pinned {
            None => builder,
            Some((_, certs)) => certs
                .iter()
                .fold(builder.tls_built_in_root_certs(false), |builder, cert| {
                    builder.add_root_certificate(cert.clone())
                }),
        }
    }
}
