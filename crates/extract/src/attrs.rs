//! Attribute lookup by name.
//!
//! `scraper`'s `Element::attr` interns the name it is given (a hash, and for names outside
//! html5ever's static set a lock on the global atom table) and then binary-searches with
//! string-ordered atom comparisons: about a tenth of the extractor's time went there. An
//! element holds few attributes, so a scan comparing the local names as strings is cheaper.
//! Only attributes without a namespace match, as with `Element::attr`.

use scraper::ElementRef;
use scraper::node::Element;

pub(crate) trait AttrExt<'a> {
    /// The value of the attribute `name` (lower-case, no namespace), if present.
    fn attribute(&self, name: &str) -> Option<&'a str>;
}

impl<'a> AttrExt<'a> for &'a Element {
    fn attribute(&self, name: &str) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|(q, _)| q.ns.is_empty() && &*q.local == name)
            .map(|(_, v)| &**v)
    }
}

impl<'a> AttrExt<'a> for ElementRef<'a> {
    fn attribute(&self, name: &str) -> Option<&'a str> {
        self.value().attribute(name)
    }
}

#[cfg(test)]
mod tests {
    use super::AttrExt;

    #[test]
    fn attributes_are_found_as_scraper_finds_them() {
        let doc = scraper::Html::parse_document(
            r#"<p class="a b" data-caption="Photo" id="x">t</p><svg><a xlink:href="/y">l</a></svg>"#,
        );
        for el in doc
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            for name in ["class", "data-caption", "id", "href", "missing"] {
                assert_eq!(el.attribute(name), el.value().attr(name), "{name}");
            }
        }
    }
}
