package indexer

import "testing"

func TestRecordSet(t *testing.T) {
	s := newRecordSet(300)
	for _, n := range []uint64{0, 5, 63, 64, 200, 299} {
		s.add(n)
	}
	for _, c := range []struct {
		from, want uint64
		ok         bool
	}{
		{0, 0, true}, {1, 5, true}, {6, 63, true}, {63, 63, true}, {64, 64, true}, {65, 200, true},
		{201, 299, true}, {299, 299, true}, {300, 0, false}, {1 << 40, 0, false},
	} {
		if got, ok := s.next(c.from); got != c.want || ok != c.ok {
			t.Errorf("next(%d) = %d, %v; want %d, %v", c.from, got, ok, c.want, c.ok)
		}
	}
	if !s.has(63) || s.has(62) || s.has(1<<40) {
		t.Error("has: wrong")
	}
	if _, ok := newRecordSet(0).next(0); ok {
		t.Error("next of an empty set: found one")
	}
}
