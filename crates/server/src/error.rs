//! The one place where errors become HTTP status codes: user errors are 4xx, ours are 5xx.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use thiserror::Error;

use crate::views;

#[derive(Debug, Error)]
pub enum AppError {
    /// The user asked for something that does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The user's request is malformed (a bad query, cursor or parameter).
    #[error("{0}")]
    BadRequest(String),
    /// Our store failed.
    #[error("store error: {0}")]
    Store(#[from] store::StoreError),
    /// Our index failed.
    #[error("index error: {0}")]
    Index(String),
    /// A worker thread panicked or was cancelled.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Store(_) | AppError::Index(_) | AppError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound(_) => "not_found",
            AppError::BadRequest(_) => "bad_request",
            AppError::Store(_) => "store_error",
            AppError::Index(_) => "index_error",
            AppError::Internal(_) => "internal_error",
        }
    }

    fn log(&self) {
        if self.status().is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
    }
}

/// An error answered as JSON (for `/api/v1`).
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let body =
            serde_json::json!({"error": {"code": self.0.code(), "message": self.0.to_string()}});
        (self.0.status(), Json(body)).into_response()
    }
}

/// An error answered as an HTML page.
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.log();
        let page = match &self.0 {
            AppError::NotFound(what) => views::not_found(what),
            e if e.status().is_client_error() => views::error_page(&e.to_string()),
            // Internal details go to the log, not to the reader.
            _ => views::error_page(
                "The server could not answer this request; the error has been logged.",
            ),
        };
        (
            self.0.status(),
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page.into_string(),
        )
            .into_response()
    }
}
