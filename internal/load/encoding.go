package load

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// saveAsUTF8 says how to save a file as UTF-8 in the editors affiliate staff use.
const saveAsUTF8 = "save it again as UTF-8 (Notepad: File, Save as, Encoding: UTF-8; VS Code: click the encoding in the status bar, Save with Encoding, UTF-8)"

// encodingProblem names the encoding of a file that is not UTF-8 text, with the line and
// column (in characters) of the first byte that is not: UTF-16 and UTF-32 (which Windows calls
// "Unicode") by their byte order mark or their zero bytes, and single-byte encodings such as
// Windows-1252 by the character the first odd byte stands for there.
func encodingProblem(src []byte) (line, col int, msg string, found bool) {
	if enc := wideEncoding(src); enc != "" {
		return 1, 1, fmt.Sprintf("the file is saved as %s text, not UTF-8: %s", enc, saveAsUTF8), true
	}
	line, col, i, ok := invalidUTF8At(src)
	if !ok {
		return 0, 0, "", false
	}
	if r, ok := windows1252(src[i]); ok {
		return line, col, fmt.Sprintf("the file is not UTF-8: the byte 0x%02X here is %q in Windows-1252 (Latin-1), the encoding older editors save in; %s", src[i], string(r), saveAsUTF8), true
	}
	return line, col, fmt.Sprintf("the file is not UTF-8 text (byte 0x%02X here): %s", src[i], saveAsUTF8), true
}

// wideEncoding returns "UTF-16" or "UTF-32" when src is in one of them, or "".
func wideEncoding(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(src, []byte{0, 0, 0xFE, 0xFF}):
		return "UTF-32"
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		return "UTF-16"
	}
	// Without a byte order mark: text in those encodings has a zero byte beside nearly every
	// ASCII character, at every other (or every fourth) position.
	n := min(len(src), 1024)
	if n < 4 {
		return ""
	}
	var zeros [4]int
	for i := range n {
		if src[i] == 0 {
			zeros[i%4]++
		}
	}
	quarter := n / 4
	switch {
	case zeros[1]+zeros[2]+zeros[3] > 2*quarter && zeros[0] < quarter/4, zeros[0]+zeros[1]+zeros[2] > 2*quarter && zeros[3] < quarter/4:
		return "UTF-32"
	case zeros[0]+zeros[2] > quarter && zeros[1]+zeros[3] < quarter/4, zeros[1]+zeros[3] > quarter && zeros[0]+zeros[2] < quarter/4:
		return "UTF-16"
	}
	return ""
}

// invalidUTF8 returns the position of the first byte that is not valid UTF-8.
func invalidUTF8(src []byte) (line, col int, found bool) {
	line, col, _, found = invalidUTF8At(src)
	return line, col, found
}

// invalidUTF8At is invalidUTF8 also returning the byte's offset.
func invalidUTF8At(src []byte) (line, col, offset int, found bool) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col, i, true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return 0, 0, 0, false
}

// windows1252 returns the character that byte b stands for in Windows-1252, for bytes that
// are not ASCII; ok is false for the five bytes it leaves undefined.
func windows1252(b byte) (rune, bool) {
	if b >= 0xA0 {
		return rune(b), true // the same as Latin-1 and Unicode
	}
	if b < 0x80 {
		return 0, false
	}
	r := []rune("€\x00‚ƒ„…†‡ˆ‰Š‹Œ\x00Ž\x00\x00‘’“”•–—˜™š›œ\x00žŸ")[b-0x80]
	return r, r != 0
}
