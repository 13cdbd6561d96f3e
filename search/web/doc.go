// Package web serves the search UI and the JSON API over HTTP.
package web
