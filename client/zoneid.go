package client

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// MaxZoneIDLength is the length of a Cloudflare zone identifier; longer
// values are refused before any request is sent.
const MaxZoneIDLength = 32

// ErrInvalidZoneID is wrapped by every error that CheckZoneID returns.
var ErrInvalidZoneID = errors.New("invalid zone ID")

// CheckZoneID reports whether id can be put into a request path safely. The
// generated request builder escapes the value and then resolves it as a
// relative reference, so "..", "." and values with path, query or fragment
// characters would reach another endpoint. CheckZoneID refuses them, and
// anything empty, too long, or holding white space or control characters;
// the error names the value (quoted, so odd characters stay visible) and
// wraps ErrInvalidZoneID.
//
// It checks only what makes a request unsafe or certainly wrong; whether a
// well-formed identifier names a zone is for the API to say.
func CheckZoneID(id string) error {
	reason := zoneIDProblem(id)
	if reason == "" {
		return nil
	}
	return fmt.Errorf("%w %q: %s", ErrInvalidZoneID, truncateForError(id), reason)
}

func zoneIDProblem(id string) string {
	switch id {
	case "":
		return "it is empty"
	case ".", "..":
		return "it is a dot segment and would change the request path"
	}
	if len(id) > MaxZoneIDLength {
		return fmt.Sprintf("it is %d bytes long, more than %d", len(id), MaxZoneIDLength)
	}
	if !utf8.ValidString(id) {
		return "it is not valid UTF-8"
	}
	for _, r := range id {
		switch {
		case r == '/' || r == '?' || r == '#' || r == '%' || r == '\\':
			return fmt.Sprintf("it contains %q, which would change the request URL", r)
		case unicode.IsSpace(r):
			return fmt.Sprintf("it contains white space (%U)", r)
		case unicode.IsControl(r):
			return fmt.Sprintf("it contains a control character (%U)", r)
		}
	}
	return ""
}

// truncateForError keeps error strings bounded when the bad value is huge.
func truncateForError(s string) string {
	const limit = 64
	if len(s) <= limit {
		return s
	}
	return s[:limit] + "…"
}
