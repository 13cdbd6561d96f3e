package web

import "testing"

func TestPictureDPI(t *testing.T) {
	for _, tt := range []struct {
		w, h float64
		want int
	}{
		{595, 842, evidenceDPI},   // A4
		{1191, 1684, evidenceDPI}, // A2 at 100 dpi is 16.5 × 23.4 in: 3.9 Mpx, over
		{14400, 14400, 8},
		{0, 0, evidenceDPI},
	} {
		got := pictureDPI(tt.w, tt.h)
		if tt.w == 1191 {
			if px := tt.w / 72 * float64(got) * tt.h / 72 * float64(got); got >= evidenceDPI || px > maxPicturePixels {
				t.Errorf("A2: %d dpi, %.0f px", got, px)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("%v × %v pt: %d dpi, want %d", tt.w, tt.h, got, tt.want)
		}
	}
}
