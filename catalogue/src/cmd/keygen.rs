//! `aurora keygen`: a new Ed25519 signing key pair.

use std::path::PathBuf;

use crate::keys::KeyPair;

/// Create a signing key pair: `<key_id>.secret` (keep it private) and `<key_id>.pub` (give it to the app).
///
/// Examples:
///   aurora keygen --out keys/
///   aurora build --out site/catalogue --key keys/<key_id>.secret
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct Args {
    /// Directory for the two key files.
    #[arg(long)]
    out: PathBuf,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let pair = KeyPair::generate()?;
    let (secret_path, public_path) = pair.write(&args.out)?;
    println!("key id {}", pair.key_id);
    println!("secret key: {} (keep private)", secret_path.display());
    println!(
        "public key: {} (trust entry for the app and `aurora verify --trust`)",
        public_path.display()
    );
    Ok(())
}
