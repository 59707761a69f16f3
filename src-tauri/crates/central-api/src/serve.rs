//! Running the server: binding, the accept loop, and the background variant for tests and the
//! desktop app's demo mode.
//!
//! The accept loop is our own (hyper directly, one task per connection) rather than `axum::serve`,
//! because fault injection must be able to drop a connection without answering: each request
//! carries a [`ConnectionKill`] in its extensions, and the connection's task drops the socket
//! with an RST when it fires.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch, Semaphore};
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::config::{ServerConfig, TlsFiles};
use crate::db::{self, Db};
use crate::error::ServerError;
use crate::faults::{ConnectionKill, FaultsHandle};
use crate::metrics::Metrics;
use crate::routes;
use crate::state::AppState;

/// How long a stopping server lets requests in flight finish.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a client may take over its TLS handshake before the connection is dropped.
const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// A bound server, ready to run.
pub struct Server {
    listener: TcpListener,
    local_addr: SocketAddr,
    state: AppState,
    tls: Option<tokio_rustls::TlsAcceptor>,
}

/// The TLS side of a server from its PEM files (rustls with the ring provider, TLS 1.2 and 1.3).
fn tls_acceptor(files: &TlsFiles) -> Result<tokio_rustls::TlsAcceptor, ServerError> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let unusable = |what: &std::path::Path, e: &dyn std::fmt::Display| {
        ServerError::Config(format!("TLS: {} is unusable: {e}", what.display()))
    };
    let certs = CertificateDer::pem_file_iter(&files.cert_chain)
        .map_err(|e| unusable(&files.cert_chain, &e))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| unusable(&files.cert_chain, &e))?;
    if certs.is_empty() {
        return Err(unusable(&files.cert_chain, &"it holds no certificate"));
    }
    let key = PrivateKeyDer::from_pem_file(&files.private_key)
        .map_err(|e| unusable(&files.private_key, &e))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ServerError::Config(format!("TLS: {e}")))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| unusable(&files.cert_chain, &e))?;
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}

impl Server {
    /// Opens (creating and migrating) the database, seeds the demo store if asked, and binds
    /// `addr` (port 0 picks a free port: see [`Server::local_addr`]).
    pub async fn bind(config: ServerConfig, addr: SocketAddr) -> Result<Server, ServerError> {
        config.validate()?;
        let tls = config.tls.as_ref().map(tls_acceptor).transpose()?;
        let db_path = config.db_path.clone();
        let demo_data = config.demo_data;
        let conn = tokio::task::spawn_blocking(move || {
            let mut conn = db::open_connection(&db_path)?;
            if demo_data {
                db::seed::seed_demo(&mut conn, chrono::Utc::now())?;
            }
            Ok::<_, ServerError>(conn)
        })
        .await
        .map_err(|e| ServerError::Task(e.to_string()))??;

        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| ServerError::Bind { addr, source })?;
        let local_addr = listener.local_addr()?;
        let state = AppState {
            db: Db::new(conn),
            metrics: Arc::new(Metrics::default()),
            faults: FaultsHandle::new(config.faults),
            push_slots: Arc::new(Semaphore::new(config.max_concurrent_pushes)),
            token_lifetime: config.token_lifetime,
        };
        Ok(Server {
            listener,
            local_addr,
            state,
            tls,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// `http://ADDR` (`https://` with TLS), without a trailing slash.
    pub fn url(&self) -> String {
        format!("{}://{}", self.scheme(), self.local_addr)
    }

    fn scheme(&self) -> &'static str {
        if self.tls.is_some() {
            "https"
        } else {
            "http"
        }
    }

    /// Changes the faults of the running server.
    pub fn faults_handle(&self) -> FaultsHandle {
        self.state.faults.clone()
    }

    /// Serves until `shutdown` completes, then stops accepting, lets requests in flight finish (up
    /// to five seconds) and returns.
    pub async fn run_until<F>(self, shutdown: F) -> Result<(), ServerError>
    where
        F: Future<Output = ()> + Send,
    {
        let router = routes::router(self.state.clone());
        let (stop_tx, stop_rx) = watch::channel(());
        let mut connections = JoinSet::new();
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                _ = &mut shutdown => break,
                accepted = self.listener.accept() => match accepted {
                    Ok((stream, _peer)) => {
                        connections.spawn(accept_connection(stream, self.tls.clone(), router.clone(), stop_rx.clone()));
                    }
                    Err(e) => {
                        // Out of file descriptors and the like: pause rather than spin.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                },
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
            }
        }
        drop(self.listener);
        // Wakes every connection task, which then finishes its current request and closes.
        let _ = stop_tx.send(());
        let drain = async { while connections.join_next().await.is_some() {} };
        if tokio::time::timeout(DRAIN_TIMEOUT, drain).await.is_err() {
            tracing::warn!("requests still in flight after the drain timeout; closing them");
            connections.abort_all();
        }
        tracing::info!("server stopped");
        Ok(())
    }
}

async fn accept_connection(
    stream: TcpStream,
    tls: Option<tokio_rustls::TlsAcceptor>,
    router: Router,
    stop: watch::Receiver<()>,
) {
    let _ = stream.set_nodelay(true);
    // A second handle on the socket, so that a killed connection can be closed with an RST
    // (SO_LINGER 0) after hyper's handle is dropped.
    let rst_handle = socket2::SockRef::from(&stream).try_clone().ok();
    let Some(acceptor) = tls else {
        return serve_connection(stream, rst_handle, router, stop).await;
    };
    match tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
        Ok(Ok(stream)) => serve_connection(stream, rst_handle, router, stop).await,
        Ok(Err(e)) => tracing::debug!(error = %e, "TLS handshake failed"),
        Err(_) => tracing::debug!("TLS handshake timed out"),
    }
}

async fn serve_connection<S>(
    stream: S,
    rst_handle: Option<socket2::Socket>,
    router: Router,
    mut stop: watch::Receiver<()>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let kill = ConnectionKill::default();
    let request_kill = kill.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(request_kill.clone());
        router.clone().oneshot(req.map(axum::body::Body::new))
    });
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let mut stopping = false;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                return;
            }
            _ = kill.fired() => {
                if let Some(socket) = &rst_handle {
                    let _ = socket.set_linger(Some(Duration::ZERO));
                }
                // Returning drops hyper's connection (and its handle on the socket) first, then
                // `rst_handle`, the last one, whose close sends the RST.
                return;
            }
            _ = stop.changed(), if !stopping => {
                stopping = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}

/// A server on its own thread and runtime, for tests and the desktop app's demo mode. Stops when
/// [`BackgroundServer::shutdown`] is called or when dropped.
pub struct BackgroundServer {
    local_addr: SocketAddr,
    scheme: &'static str,
    faults: FaultsHandle,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<(), ServerError>>>,
}

/// Starts a server on a thread of its own and returns once it listens. Blocking: call it outside
/// an async runtime (or from `spawn_blocking`).
pub fn spawn_background(
    config: ServerConfig,
    addr: SocketAddr,
) -> Result<BackgroundServer, ServerError> {
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("central-api".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("central-api-worker")
                .enable_all()
                .build();
            let runtime = match runtime {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(ServerError::Io(e)));
                    return Ok(());
                }
            };
            runtime.block_on(async move {
                let server = match Server::bind(config, addr).await {
                    Ok(server) => server,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return Ok(());
                    }
                };
                let _ = ready_tx.send(Ok((
                    server.local_addr(),
                    server.scheme(),
                    server.faults_handle(),
                )));
                server
                    .run_until(async {
                        // A dropped sender stops the server too.
                        let _ = stop_rx.await;
                    })
                    .await
            })
        })?;
    match ready_rx.recv() {
        Ok(Ok((local_addr, scheme, faults))) => Ok(BackgroundServer {
            local_addr,
            scheme,
            faults,
            stop: Some(stop_tx),
            thread: Some(thread),
        }),
        Ok(Err(e)) => {
            let _ = thread.join();
            Err(e)
        }
        Err(_) => {
            let _ = thread.join();
            Err(ServerError::Task(
                "the server thread ended before it listened".into(),
            ))
        }
    }
}

impl BackgroundServer {
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// `http://ADDR` (`https://` with TLS), without a trailing slash.
    pub fn url(&self) -> String {
        format!("{}://{}", self.scheme, self.local_addr)
    }

    pub fn faults_handle(&self) -> FaultsHandle {
        self.faults.clone()
    }

    /// Stops the server and waits for its thread.
    pub fn shutdown(mut self) -> Result<(), ServerError> {
        self.stop_and_join()
    }

    fn stop_and_join(&mut self) -> Result<(), ServerError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take().map(|t| t.join()) {
            None => Ok(()),
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(ServerError::Task("the server thread panicked".into())),
        }
    }
}

impl Drop for BackgroundServer {
    fn drop(&mut self) {
        if let Err(e) = self.stop_and_join() {
            tracing::warn!(error = %e, "the background server did not stop cleanly");
        }
    }
}
