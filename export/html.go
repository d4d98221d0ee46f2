package export

import (
	"html"
	"strings"
)

// stripHTML is the text of an EDAN title, which may hold HTML markup
// (`<i>Quercus alba</i> L.`, `Black &amp; White`): tags removed, character
// references decoded, runs of white space made one space, ends trimmed. A
// `<` that does not open a tag (`a < b`) is text, and so is one never closed.
func stripHTML(s string) string {
	if !strings.ContainsAny(s, "<&") && !needsSpaceFolding(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '<' && i+1 < len(s) && opensTag(s[i+1]) {
			if end := strings.IndexByte(s[i:], '>'); end > 0 {
				b.WriteByte(' ') // a tag may part two words (`a<br>b`); spaces fold below
				i += end + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// opensTag says whether c, after a '<', starts a tag, an end tag, a
// comment or a processing instruction.
func opensTag(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '/' || c == '!' || c == '?'
}

// needsSpaceFolding says whether s has white space that stripHTML folds:
// at its ends, or other than single spaces.
func needsSpaceFolding(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\n', '\r', '\v', '\f':
			return true
		case ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}
