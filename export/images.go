package export

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/soa-project/soa/internal/output/atomicfile"
	"github.com/soa-project/soa/queries"
	"golang.org/x/sync/errgroup"
)

// DefaultIIIFBase is the Smithsonian's IIIF image service: an image's IIIF
// base URL is this, "/", and its IDS id.
const DefaultIIIFBase = "https://ids.si.edu/ids/iiif"

// iiifFull is what follows an IIIF base URL to ask for the whole image at
// full size as JPEG (IIIF Image API 2: region/size/rotation/quality.format).
const iiifFull = "/full/full/0/default.jpg"

// ImageOptions configure Images. The zero value (but for Out) exports every
// CC0 image of the dataset with Smithsonian IIIF URLs.
type ImageOptions struct {
	// Out is the file to write; its extension (.parquet, .csv, .jsonl)
	// chooses the format.
	Out string
	// AllRights exports every image, whatever its licence; by default only
	// the CC0 ones.
	AllRights bool
	// IIIFBase replaces DefaultIIIFBase (a mirror's IIIF service); "" is
	// the default.
	IIIFBase string
	// Where is SQL over the columns of objects that picks the records
	// whose images are exported (`unit_code = 'NMNHBOTANY'`); "" is all.
	Where string
	// Limit is the most rows to write, the first ones in the file's order;
	// 0 is no limit.
	Limit int64
	// Version is the soa version written in a Parquet file's created_by.
	Version string
	// Rows, when set, counts the rows written as they are, for a progress
	// display to poll.
	Rows *atomic.Int64
	// Memory caps the memory DuckDB's join and sort may take (a DuckDB
	// size: "2GB"); past it they spill to a temporary folder beside Out,
	// removed at the end, and a cap too small for what cannot spill fails
	// with DuckDB's out-of-memory error. "" is DuckDB's own default, 80% of
	// the machine's memory. The sort holds every exported row (some 300
	// bytes each): at 1M generated records, 304,387 CC0 images, it ran under
	// a cap of 250MB and failed under 150MB.
	Memory string
}

// ImageStats says what Images wrote.
type ImageStats struct {
	// Rows is the rows written, one per image.
	Rows int64
	// IIIF is the rows whose url goes through IIIF (the media has an IDS
	// id); the others have the media's content URL.
	IIIF int64
	// WithSize is the rows with width and height.
	WithSize int64
	// NoURL is the images left out because they have neither an IDS id nor
	// a content URL.
	NoURL int64
}

// imageColumns are the columns of the file Images writes, in order.
var imageColumns = []string{"url", "iiif_base", "caption", "record_id", "unit_code", "media_id",
	"license", "width", "height", "alt_text", "record_link"}

// Image is one row of the file Images writes. An empty string is a null.
type Image struct {
	URL        string // the full image: IIIF when the media has an IDS id, else its content URL; https
	IIIFBase   string // the image's IIIF base URL; null without an IDS id
	Caption    string // the record's title, HTML stripped
	RecordID   string
	UnitCode   string
	MediaID    string
	License    string // media usage.access (`CC0`, `Usage conditions apply`)
	Width      int32  // pixels of the largest rendition; 0 when unknown (null)
	Height     int32
	AltText    string
	RecordLink string // the unit's page for the record; https
}

// formatOf is the format Out's extension names.
func formatOf(out string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(out)); ext {
	case ".parquet", ".csv", ".jsonl":
		return ext[1:], nil
	case "":
		return "", fmt.Errorf("%w: %s has no extension; name the file .parquet, .csv or .jsonl", ErrFormat, out)
	default:
		return "", fmt.Errorf("%w %q: name the file .parquet, .csv or .jsonl", ErrFormat, ext)
	}
}

// iiifBase checks a --iiif-base value and returns it without a trailing /.
func iiifBase(s string) (string, error) {
	if s == "" {
		return DefaultIIIFBase, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%w %q: give the http(s) URL of an IIIF image service, such as %s", ErrIIIFBase, s, DefaultIIIFBase)
	}
	return strings.TrimRight(s, "/"), nil
}

// imageQuery is the SQL of the images: one row per media row of type
// Images of the records where says, with the record's title and link,
// sorted on every column so that the file's order is the same at every run
// and the copies that a duplicated record id (docs/DATASET.md) multiplies
// come out next to each other, for readImages to fold (cheaper than
// DISTINCT, which hashes every row). The filter is read in a scope
// holding only objects' columns, so that it can name them bare.
func imageQuery(where string, allRights bool) string {
	if strings.TrimSpace(where) == "" {
		where = "true"
	}
	rights := "AND m.is_cc0"
	if allRights {
		rights = ""
	}
	return `WITH o AS (
    SELECT unit_code, record_id, title, record_link FROM objects WHERE (` + where + `
    )
)
SELECT m.unit_code, m.record_id, m.ordinal, m.media_id, m.ids_id, m.content_url,
       m.usage_access, m.max_width, m.max_height, m.alt_text, o.title, o.record_link
FROM media m JOIN o ON o.unit_code = m.unit_code AND o.record_id = m.record_id
WHERE m.type = 'Images' ` + rights + `
ORDER BY ALL`
}

// batchImages is how many images cross from the reading goroutine to the
// writing one at a time.
const batchImages = 4096

// Images writes the image media of the dataset db to opts.Out, one row per
// image (see Image), in the order of unit, record id and position in the
// record. The file is written under a temporary name beside Out and renamed
// at the end: on error Out is as it was. Rows are read from DuckDB on one
// goroutine and encoded and written on the calling one.
func Images(ctx context.Context, db *queries.DB, opts ImageOptions) (ImageStats, error) {
	var stats ImageStats
	format, err := formatOf(opts.Out)
	if err != nil {
		return stats, err
	}
	base, err := iiifBase(opts.IIIFBase)
	if err != nil {
		return stats, err
	}
	q := imageQuery(opts.Where, opts.AllRights)
	if opts.Where != "" {
		if err := db.Prepare(ctx, q); err != nil {
			return stats, fmt.Errorf("%w %q: %v\n--where is SQL over the columns of objects ('soa schema' lists them), such as --where \"unit_code = 'NMNHBOTANY' AND year_start < 1900\"", ErrWhere, opts.Where, err)
		}
	}
	switch info, err := os.Stat(filepath.Dir(opts.Out)); {
	case errors.Is(err, fs.ErrNotExist), err == nil && !info.IsDir():
		return stats, fmt.Errorf("export images: %s cannot be written: the folder %s does not exist; create it, or write elsewhere: %w", opts.Out, filepath.Dir(opts.Out), fs.ErrNotExist)
	case err != nil:
		return stats, fmt.Errorf("export images to %s: %w", opts.Out, err)
	}
	spill, err := os.MkdirTemp(filepath.Dir(opts.Out), ".soa-export-spill-")
	if err != nil {
		return stats, fmt.Errorf("export images to %s: %w", opts.Out, err)
	}
	defer os.RemoveAll(spill) //nolint:errcheck // best effort: DuckDB's spill files, if any
	if err := db.Limit(ctx, opts.Memory, spill); err != nil {
		return stats, fmt.Errorf("export images: %w", err)
	}
	err = atomicfile.Stream(opts.Out, func(f io.Writer) error {
		w, err := newImageWriter(format, f, opts.Version)
		if err != nil {
			return err
		}
		rctx, cancel := context.WithCancel(ctx)
		defer cancel()
		g, gctx := errgroup.WithContext(rctx)
		batches := make(chan []Image, 2)
		g.Go(func() error {
			defer close(batches)
			return readImages(gctx, db, q, base, opts.Limit, &stats, batches)
		})
		var werr error
		for batch := range batches {
			if werr != nil {
				continue // drain until the reader sees it is cancelled
			}
			for i := range batch {
				if werr = w.Write(&batch[i]); werr != nil {
					cancel()
					break
				}
			}
			if werr == nil && opts.Rows != nil {
				opts.Rows.Add(int64(len(batch)))
			}
		}
		rerr := g.Wait()
		cerr := w.Close()
		return cmp.Or(werr, rerr, cerr) // a failed write cancels the read: its error says why
	})
	if err != nil {
		return ImageStats{}, fmt.Errorf("export images to %s: %w", opts.Out, err)
	}
	return stats, nil
}

// imageRow is a row of imageQuery as scanned.
type imageRow struct {
	unit, recordID, mediaID, idsID, content, access, alt, title, link sql.NullString
	ordinal                                                           int32
	width, height                                                     sql.NullInt32
}

// readImages runs q and sends its images to out in batches, counting them
// in stats, until limit images (0: all). A row equal to the one before it
// (a copy of a duplicated record) is skipped.
func readImages(ctx context.Context, db *queries.DB, q, base string, limit int64, stats *ImageStats, out chan<- []Image) error {
	res, err := db.Query(ctx, q)
	if err != nil {
		return err
	}
	defer res.Close() //nolint:errcheck // res.Err, checked below, says whether every row was read
	var r, prev imageRow
	batch := make([]Image, 0, batchImages)
	send := func() error {
		select {
		case out <- batch:
		case <-ctx.Done():
			return ctx.Err()
		}
		batch = make([]Image, 0, batchImages)
		return nil
	}
	for first := true; res.Next(); first = false {
		if err := res.Scan(&r.unit, &r.recordID, &r.ordinal, &r.mediaID, &r.idsID, &r.content, &r.access,
			&r.width, &r.height, &r.alt, &r.title, &r.link); err != nil {
			return err
		}
		if !first && r == prev {
			continue
		}
		prev = r
		img := Image{
			Caption: stripHTML(r.title.String), RecordID: r.recordID.String, UnitCode: r.unit.String,
			MediaID: r.mediaID.String, License: r.access.String, AltText: r.alt.String, RecordLink: httpsURL(r.link.String),
		}
		iiif := isIDSID(r.idsID.String)
		if iiif {
			img.IIIFBase = base + "/" + url.PathEscape(r.idsID.String)
			img.URL = img.IIIFBase + iiifFull
		} else {
			img.URL = httpsURL(r.content.String)
		}
		if img.URL == "" {
			stats.NoURL++
			continue
		}
		if iiif {
			stats.IIIF++
		}
		if r.width.Valid && r.height.Valid {
			img.Width, img.Height = r.width.Int32, r.height.Int32
			stats.WithSize++
		}
		batch = append(batch, img)
		stats.Rows++
		if len(batch) == batchImages {
			if err := send(); err != nil {
				return err
			}
		}
		if stats.Rows == limit {
			break
		}
	}
	if err := res.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return send()
	}
	return nil
}

// isIDSID says whether a media's idsId is an id of the Smithsonian's image
// delivery service (`NMNH-…`, `ark:/65665/m3…`) rather than a URL of
// another server, as some NMNH records give there.
func isIDSID(id string) bool {
	return id != "" && !strings.Contains(id, "://")
}

// httpsURL is u with an http scheme made https: every Smithsonian host
// serves https, and many records still give http (Smithsonian/OpenAccess#6).
func httpsURL(u string) string {
	if len(u) >= 7 && strings.EqualFold(u[:7], "http://") {
		return "https://" + u[7:]
	}
	return u
}
