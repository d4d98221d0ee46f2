package export

import (
	"errors"
	"fmt"
	"testing"
)

// errDiskFull stands for the failure of a full disk.
var errDiskFull = errors.New("no space left on device")

// failingWriter takes room bytes, then fails every write.
type failingWriter struct{ room, written int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.written+len(p) > f.room {
		n := f.room - f.written
		f.written = f.room
		return n, errDiskFull
	}
	f.written += len(p)
	return len(p), nil
}

// TestWriterFailsPromptly: when the writer under an image writer fails (a
// full disk), the Write that meets the failure returns it, so the export
// stops there, not at Close after every row.
func TestWriterFailsPromptly(t *testing.T) {
	const room, rows = 16 << 10, 10_000 // a row is about 200 bytes: 2 MB in all
	for _, format := range []string{"csv", "jsonl"} {
		t.Run(format, func(t *testing.T) {
			fw := &failingWriter{room: room}
			w, err := newImageWriter(format, fw, "test")
			if err != nil {
				t.Fatal(err)
			}
			failedAt := -1
			for i := range rows {
				img := Image{URL: fmt.Sprintf("https://ids.si.edu/ids/iiif/NMNH-%06d/full/full/0/default.jpg", i),
					Caption: "A vase with a long enough caption", RecordID: fmt.Sprintf("edanmdm:nmnh_%d", i),
					UnitCode: "NMNH", MediaID: fmt.Sprintf("NMNH-%06d", i), License: "CC0", Width: 640, Height: 480}
				if err := w.Write(&img); err != nil {
					if !errors.Is(err, errDiskFull) {
						t.Fatalf("row %d: %v, want the writer's error", i, err)
					}
					failedAt = i
					break
				}
			}
			// The failure is met at most a buffer (4 KiB) after room is full.
			if failedAt < 0 || failedAt > (room+8<<10)/100 {
				t.Errorf("the write failing after %d bytes was reported at row %d (-1: never, only at Close), want within the first %d rows", room, failedAt, (room+8<<10)/100)
			}
			// csv.Writer keeps its error: Close says it again (jsonl writes
			// through, and has nothing left to say).
			if err := w.Close(); format == "csv" && !errors.Is(err, errDiskFull) {
				t.Errorf("Close after the failure: %v, want the writer's error", err)
			}
		})
	}
}
