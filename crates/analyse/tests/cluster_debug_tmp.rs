mod cluster_common;
use cluster_common::*;
use analyse::cluster::Clusterer;
#[test]
fn show() {
    let mut c = Clusterer::default();
    println!("{:?}", c.assign(&features("seed", &seed())));
    for p in ["stories/related-membership.txt","stories/related-wigemark.txt","stories/related-albania.txt"] {
        let mut a = dated_fixture(p, "en"); a.published = Some("2021-05-18".into());
        println!("{p} {:?}", c.assign(&features(p, &a)));
    }
    println!("sr {:?}", c.assign(&features("sr", &dated_fixture("stories/seed-report-sr.txt", "sr"))));
    println!("en {:?}", c.assign(&features("en", &dated_fixture("stories/seed-report-en.txt", "en"))));
    let mut c = Clusterer::default();
    println!("{:?}", c.assign(&features("seed", &seed())));
    println!("sr-only {:?}", c.assign(&features("sr", &dated_fixture("stories/seed-report-sr.txt", "sr"))));
}
