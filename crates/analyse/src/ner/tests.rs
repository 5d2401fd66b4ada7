use super::*;

#[test]
fn shipped_model_loads() {
    let t = shipped().expect("shipped model parses");
    assert!(t.features() > 0);
}
