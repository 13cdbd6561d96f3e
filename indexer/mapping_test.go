package indexer

import "testing"

// TestMappingDocValues: only the date, which results are sorted by, keeps doc
// values; on text they cost a quarter of the index's size for nothing.
func TestMappingDocValues(t *testing.T) {
	m, err := NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	fields := 0
	for kind, dm := range m.TypeMapping {
		for name, prop := range dm.Properties {
			for _, f := range prop.Fields {
				fields++
				if want := name == FieldDate; f.DocValues != want {
					t.Errorf("%s field %s: doc values %v, want %v", kind, name, f.DocValues, want)
				}
			}
		}
	}
	if fields < 10 {
		t.Errorf("%d fields in the mapping: the test reads it wrong", fields)
	}
}
