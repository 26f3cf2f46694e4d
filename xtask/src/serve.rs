//! Serving sites with Debian's nginx and the shipped `deploy/nginx.conf`, so tests see what users get.

use std::net::TcpListener;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use xshell::{Shell, cmd};

use crate::project_root;

/// A running nginx; stopped when dropped.
pub(crate) struct Nginx {
    conf: PathBuf,
    prefix: PathBuf,
}

/// One site root on one port.
pub(crate) struct Site<'a> {
    pub(crate) root: &'a Path,
    pub(crate) port: u16,
    /// The server block to serve it with (its `listen 8080;` and `root /srv/aurora;` are replaced like the
    /// shipped one's); `None` for the shipped `deploy/nginx.conf`. The widget tests' host site uses one.
    pub(crate) server_block: Option<String>,
}

pub(crate) fn serve_forever(root: &Path, port: u16) -> anyhow::Result<()> {
    let (conf, prefix) = write_config(
        "demo",
        &[Site {
            root,
            port,
            server_block: None,
        }],
    )?;
    println!("\nAurora is served at http://127.0.0.1:{port}/  (Ctrl-C stops it)\n");
    let sh = Shell::new()?;
    cmd!(sh, "nginx -c {conf} -p {prefix} -g 'daemon off;'").run()?;
    Ok(())
}

pub(crate) fn start(name: &str, sites: &[Site<'_>]) -> anyhow::Result<Nginx> {
    let (conf, prefix) = write_config(name, sites)?;
    let sh = Shell::new()?;
    cmd!(sh, "nginx -c {conf} -p {prefix}").run()?;
    for site in sites {
        wait_for_port(site.port)?;
    }
    Ok(Nginx { conf, prefix })
}

impl Drop for Nginx {
    fn drop(&mut self) {
        if let Ok(sh) = Shell::new() {
            let (conf, prefix) = (&self.conf, &self.prefix);
            let _ = cmd!(sh, "nginx -c {conf} -p {prefix} -s stop")
                .quiet()
                .run();
        }
    }
}

/// A port nobody listens on right now.
pub(crate) fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn wait_for_port(port: u16) -> anyhow::Result<()> {
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    bail!("nginx did not start listening on port {port}")
}

/// Writes `target/nginx/<name>/nginx.conf`: a minimal main config that includes the shipped server block
/// (or the site's own) once per site, with only `listen` and `root` replaced.
fn write_config(name: &str, sites: &[Site<'_>]) -> anyhow::Result<(PathBuf, PathBuf)> {
    let root = project_root();
    let prefix = root.join("target/nginx").join(name);
    std::fs::create_dir_all(prefix.join("tmp"))?;
    let server_block = std::fs::read_to_string(root.join("deploy/nginx.conf"))
        .context("reading deploy/nginx.conf")?;
    let mut servers = String::new();
    for site in sites {
        let site_root = site
            .root
            .canonicalize()
            .with_context(|| format!("site root {}", site.root.display()))?;
        let block = site
            .server_block
            .as_deref()
            .unwrap_or(&server_block)
            .replace("listen 8080;", &format!("listen 127.0.0.1:{};", site.port))
            .replace(
                "root /srv/aurora;",
                &format!("root {};", site_root.display()),
            );
        servers.push_str(&block);
    }
    let p = prefix.display();
    let conf = format!(
        "worker_processes 1;\npid {p}/nginx.pid;\nerror_log {p}/error.log warn;\n\
         events {{ worker_connections 256; }}\n\
         http {{\n  access_log {p}/access.log;\n  client_body_temp_path {p}/tmp/body;\n  proxy_temp_path {p}/tmp/proxy;\n  \
         fastcgi_temp_path {p}/tmp/fastcgi;\n  uwsgi_temp_path {p}/tmp/uwsgi;\n  scgi_temp_path {p}/tmp/scgi;\n  sendfile on;\n{servers}}}\n"
    );
    let conf_path = prefix.join("nginx.conf");
    std::fs::write(&conf_path, conf)?;
    Ok((conf_path, prefix))
}
