// Code generated from the packages of github.com/rickar/cal/v2 v2.1.13; DO NOT EDIT by hand.

package calendar

import (
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/ar"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/bg"
	"github.com/rickar/cal/v2/br"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/cz"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/ecb"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/gr"
	"github.com/rickar/cal/v2/hr"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/jp"
	"github.com/rickar/cal/v2/lt"
	"github.com/rickar/cal/v2/lv"
	"github.com/rickar/cal/v2/mw"
	"github.com/rickar/cal/v2/nc"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/ro"
	"github.com/rickar/cal/v2/ru"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/si"
	"github.com/rickar/cal/v2/sk"
	"github.com/rickar/cal/v2/ua"
	"github.com/rickar/cal/v2/us"
	"github.com/rickar/cal/v2/za"
)

// holidaySets returns the holiday set named by code (lower case: a country,
// or a country and region such as "de-by"), and whether it exists.
func holidaySet(code string) ([]*cal.Holiday, bool) {
	switch code {
	case "ar":
		return ar.Holidays, true
	case "at":
		return at.Holidays, true
	case "au-act":
		return au.HolidaysACT, true
	case "au-nsw":
		return au.HolidaysNSW, true
	case "au-nt":
		return au.HolidaysNT, true
	case "au-qld":
		return au.HolidaysQLD, true
	case "au-sa":
		return au.HolidaysSA, true
	case "au-tas":
		return au.HolidaysTAS, true
	case "au-vic":
		return au.HolidaysVIC, true
	case "au-wa":
		return au.HolidaysWA, true
	case "be":
		return be.Holidays, true
	case "bg":
		return bg.Holidays, true
	case "br":
		return br.Holidays, true
	case "ca":
		return ca.Holidays, true
	case "ch":
		return ch.Holidays, true
	case "ch-zh":
		return ch.HolidaysZH, true
	case "ch-be":
		return ch.HolidaysBE, true
	case "ch-lu":
		return ch.HolidaysLU, true
	case "ch-ur":
		return ch.HolidaysUR, true
	case "ch-sz":
		return ch.HolidaysSZ, true
	case "ch-ow":
		return ch.HolidaysOW, true
	case "ch-nw":
		return ch.HolidaysNW, true
	case "ch-gl":
		return ch.HolidaysGL, true
	case "ch-zg":
		return ch.HolidaysZG, true
	case "ch-fr":
		return ch.HolidaysFR, true
	case "ch-so":
		return ch.HolidaysSO, true
	case "ch-bs":
		return ch.HolidaysBS, true
	case "ch-bl":
		return ch.HolidaysBL, true
	case "ch-sh":
		return ch.HolidaysSH, true
	case "ch-ar":
		return ch.HolidaysAR, true
	case "ch-ai":
		return ch.HolidaysAI, true
	case "ch-sg":
		return ch.HolidaysSG, true
	case "ch-gr":
		return ch.HolidaysGR, true
	case "ch-ag":
		return ch.HolidaysAG, true
	case "ch-tg":
		return ch.HolidaysTG, true
	case "ch-vd":
		return ch.HolidaysVD, true
	case "ch-ti":
		return ch.HolidaysTI, true
	case "ch-vs":
		return ch.HolidaysVS, true
	case "ch-ne":
		return ch.HolidaysNE, true
	case "ch-ge":
		return ch.HolidaysGE, true
	case "ch-ju":
		return ch.HolidaysJU, true
	case "cz":
		return cz.Holidays, true
	case "de":
		return de.Holidays, true
	case "de-bw":
		return de.HolidaysBW, true
	case "de-by":
		return de.HolidaysBY, true
	case "de-be":
		return de.HolidaysBE, true
	case "de-bb":
		return de.HolidaysBB, true
	case "de-hb":
		return de.HolidaysHB, true
	case "de-hh":
		return de.HolidaysHH, true
	case "de-he":
		return de.HolidaysHE, true
	case "de-mv":
		return de.HolidaysMV, true
	case "de-ni":
		return de.HolidaysNI, true
	case "de-nw":
		return de.HolidaysNW, true
	case "de-rp":
		return de.HolidaysRP, true
	case "de-sl":
		return de.HolidaysSL, true
	case "de-sn":
		return de.HolidaysSN, true
	case "de-st":
		return de.HolidaysST, true
	case "de-sh":
		return de.HolidaysSH, true
	case "de-th":
		return de.HolidaysTH, true
	case "dk":
		return dk.Holidays, true
	case "ecb":
		return ecb.Holidays, true
	case "es":
		return es.Holidays, true
	case "fr":
		return fr.Holidays, true
	case "gb":
		return gb.Holidays, true
	case "gr":
		return gr.Holidays, true
	case "hr":
		return hr.Holidays, true
	case "ie":
		return ie.Holidays, true
	case "it":
		return it.Holidays, true
	case "jp":
		return jp.Holidays, true
	case "lt":
		return lt.Holidays, true
	case "lv":
		return lv.Holidays, true
	case "mw":
		return mw.Holidays, true
	case "nc":
		return nc.Holidays, true
	case "nl":
		return nl.Holidays, true
	case "no":
		return no.Holidays, true
	case "nz":
		return nz.Holidays, true
	case "pl":
		return pl.Holidays, true
	case "ro":
		return ro.Holidays, true
	case "ru":
		return ru.Holidays, true
	case "se":
		return se.Holidays, true
	case "si":
		return si.Holidays, true
	case "sk":
		return sk.Holidays, true
	case "ua":
		return ua.Holidays, true
	case "us":
		return us.Holidays, true
	case "za":
		return za.Holidays, true
	}
	return nil, false
}

// HolidaySets lists every holiday set code that Spec.Holidays accepts, sorted.
func HolidaySets() []string {
	return []string{
		"ar",
		"at",
		"au-act",
		"au-nsw",
		"au-nt",
		"au-qld",
		"au-sa",
		"au-tas",
		"au-vic",
		"au-wa",
		"be",
		"bg",
		"br",
		"ca",
		"ch",
		"ch-ag",
		"ch-ai",
		"ch-ar",
		"ch-be",
		"ch-bl",
		"ch-bs",
		"ch-fr",
		"ch-ge",
		"ch-gl",
		"ch-gr",
		"ch-ju",
		"ch-lu",
		"ch-ne",
		"ch-nw",
		"ch-ow",
		"ch-sg",
		"ch-sh",
		"ch-so",
		"ch-sz",
		"ch-tg",
		"ch-ti",
		"ch-ur",
		"ch-vd",
		"ch-vs",
		"ch-zg",
		"ch-zh",
		"cz",
		"de",
		"de-bb",
		"de-be",
		"de-bw",
		"de-by",
		"de-hb",
		"de-he",
		"de-hh",
		"de-mv",
		"de-ni",
		"de-nw",
		"de-rp",
		"de-sh",
		"de-sl",
		"de-sn",
		"de-st",
		"de-th",
		"dk",
		"ecb",
		"es",
		"fr",
		"gb",
		"gr",
		"hr",
		"ie",
		"it",
		"jp",
		"lt",
		"lv",
		"mw",
		"nc",
		"nl",
		"no",
		"nz",
		"pl",
		"ro",
		"ru",
		"se",
		"si",
		"sk",
		"ua",
		"us",
		"za",
	}
}
