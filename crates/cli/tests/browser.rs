//! End to end in a real browser: `kronika demo` ingests the bundled newsroom through the real
//! fetcher and pipeline and serves the UI; headless Chromium (driven through ChromeDriver)
//! searches, opens the seed story and Đukanović's page, and checks what a reader would see.
//! Screenshots land in `target/e2e-screenshots/`.
//!
//! Needs `chromium` and `chromedriver` (Debian packages; `.ci/run` installs them). Without them
//! the test says so and passes, unless KRONIKA_REQUIRE_BROWSER is set (as CI sets it).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{ClientBuilder, Locator};

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| PathBuf::from(d).join(name))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts `kronika demo` and returns it with the UI's base address once it serves.
fn start_demo(data: &std::path::Path) -> (KillOnDrop, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kronika"))
        .arg("--data")
        .arg(data)
        .args(["demo", "--listen", "127.0.0.1:0", "--site-port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("kronika demo starts");
    let stdout = child.stdout.take().unwrap();
    let child = KillOnDrop(child);
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        let line = lines.next().expect("demo printed its address").unwrap();
        if let Some(url) = line.strip_prefix("Kronika demo: ") {
            break url.trim_end_matches('/').to_owned();
        }
    };
    (child, base)
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_newsroom_reads_like_a_newsroom_in_chromium() {
    let (Some(chromium), Some(chromedriver)) = (which("chromium"), which("chromedriver")) else {
        if std::env::var_os("KRONIKA_REQUIRE_BROWSER").is_some() {
            panic!(
                "chromium and chromedriver are required (apt-get install chromium chromium-driver)"
            );
        }
        eprintln!("SKIPPED: chromium/chromedriver not installed");
        return;
    };
    // Two TLS back ends are linked (reqwest's and fantoccini's); pick one for the process. The
    // test speaks plain HTTP to ChromeDriver on loopback, so which one does not matter.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let data = tempfile::tempdir().unwrap();
    let (_demo, base) = start_demo(data.path());

    let port = free_port();
    let _driver = KillOnDrop(
        Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let profile = tempfile::tempdir().unwrap();
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1600", format!("--user-data-dir={}", profile.path().display()),
            ]
        }
    });
    let caps: serde_json::Map<String, serde_json::Value> = caps.as_object().unwrap().clone();
    let mut client = None;
    for _ in 0..50 {
        match ClientBuilder::rustls()
            .expect("rustls client")
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    let c = client.expect("chromedriver accepts a session");
    let shots = screenshots_dir();

    // Home: stories are listed.
    c.goto(&format!("{base}/")).await.unwrap();
    assert!(c.title().await.unwrap().contains("Kronika"));
    std::fs::write(shots.join("1-home.png"), c.screenshot().await.unwrap()).unwrap();

    // Search "Djukanovic" from the header's search box (ASCII spelling of Đukanović).
    let search = c
        .find(Locator::Css("header input[type=search]"))
        .await
        .unwrap();
    search.send_keys("Djukanovic").await.unwrap();
    c.find(Locator::Css("header form button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Css("ol.hits")).await.unwrap();
    std::fs::write(shots.join("2-search.png"), c.screenshot().await.unwrap()).unwrap();
    let hit = c
        .find(Locator::XPath(
            "//ol[@class='hits']//a[starts-with(., 'Đukanović discusses')]",
        ))
        .await
        .expect("the seed story is among the results for Djukanovic");
    hit.click().await.unwrap();

    // The seed story: nine statements highlighted, each with the right speaker.
    c.wait()
        .for_element(Locator::Css("div.body"))
        .await
        .unwrap();
    assert!(
        c.find(Locator::Css("h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .starts_with("Đukanović discusses")
    );
    std::fs::write(shots.join("3-story.png"), c.screenshot().await.unwrap()).unwrap();
    let marks = c
        .find_all(Locator::Css("div.body mark.quote"))
        .await
        .unwrap();
    let mut speakers = Vec::new();
    for m in &marks {
        speakers.push(m.attr("data-speaker").await.unwrap().unwrap_or_default());
    }
    let expected: Vec<&str> = [vec!["Jens Stoltenberg"; 7], vec!["Milo Đukanović"; 2]].concat();
    assert_eq!(
        speakers, expected,
        "statements highlighted in reading order with their speakers"
    );

    // Đukanović's page: the meeting with Stoltenberg on 2021-05-18 in Brussels, and the variants.
    c.find(Locator::XPath("//aside//a[.='Milo Đukanović']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("ul.variants"))
        .await
        .unwrap();
    std::fs::write(shots.join("4-person.png"), c.screenshot().await.unwrap()).unwrap();
    let meetings = c
        .find(Locator::Css("ul.meetings"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(meetings.contains("Jens Stoltenberg"), "{meetings}");
    assert!(meetings.contains("2021-05-18"), "{meetings}");
    assert!(meetings.contains("Brussels"), "{meetings}");
    let variants = c
        .find(Locator::Css("ul.variants"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        variants.contains("Milo Đukanović") && variants.contains("Đukanović"),
        "{variants}"
    );

    // Phone width: the layout still reads (no horizontal scrolling of the body).
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&format!("{base}/")).await.unwrap();
    let overflow = c
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1;",
            vec![],
        )
        .await
        .unwrap();
    std::fs::write(
        shots.join("5-home-phone.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();
    assert_eq!(
        overflow,
        serde_json::Value::Bool(true),
        "home page scrolls sideways at phone width"
    );
    c.close().await.unwrap();
}
