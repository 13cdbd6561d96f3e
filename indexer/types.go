package indexer

import "strings"

// typeWords maps words that name a publication type, in English and Ukrainian, to a
// Type. Longer phrases come first so "training manual" wins over "manual".
var typeWords = []struct {
	word string
	typ  string
}{
	{"policy paper", TypePolicyPaper}, {"policy brief", TypePolicyPaper},
	{"аналітична записка", TypePolicyPaper}, {"аналітичний документ", TypePolicyPaper},
	{"training manual", TypeManual}, {"навчальний посібник", TypeManual},
	{"conference proceedings", TypeProceedings}, {"матеріали конференції", TypeProceedings},
	{"proceedings", TypeProceedings}, {"збірник матеріалів", TypeProceedings},
	{"toolkit", TypeToolkit}, {"tool kit", TypeToolkit}, {"інструментарій", TypeToolkit}, {"набір інструментів", TypeToolkit},
	{"handbook", TypeHandbook}, {"посібник", TypeHandbook}, {"довідник", TypeHandbook},
	{"manual", TypeManual}, {"підручник", TypeManual},
	{"survey", TypeSurvey}, {"опитування", TypeSurvey},
	{"guide", TypeGuide}, {"guidance", TypeGuide}, {"настанови", TypeGuide}, {"керівництво", TypeGuide},
	{"report", TypeReport}, {"звіт", TypeReport}, {"доповідь", TypeReport},
	{"policy", TypePolicyPaper},
}

// InferType returns the Type for a document: the type the publisher declared when it
// names one, else the first type word in the title, else fallback.
func InferType(declared, title, fallback string) string {
	for _, s := range []string{declared, title} {
		s = strings.ToLower(s)
		if s == "" {
			continue
		}
		for _, tw := range typeWords {
			if strings.Contains(s, tw.word) {
				return tw.typ
			}
		}
	}
	return fallback
}
