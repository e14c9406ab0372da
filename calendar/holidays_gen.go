// Code generated from the packages of github.com/rickar/cal/v2 v2.1.13; DO NOT EDIT by hand.
// (The lookup is split per country, so that no function is longer than a screen.)

package calendar

import (
	"strings"

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

// holidaySet returns the holiday set named by code (lower case: a country,
// or a country and region such as "de-by"), and whether it exists.
func holidaySet(code string) ([]*cal.Holiday, bool) {
	switch country, _, _ := strings.Cut(code, "-"); country {
	case "ar":
		return only(code, "ar", ar.Holidays)
	case "at":
		return only(code, "at", at.Holidays)
	case "au":
		return holidaysAU(code)
	case "be":
		return only(code, "be", be.Holidays)
	case "bg":
		return only(code, "bg", bg.Holidays)
	case "br":
		return only(code, "br", br.Holidays)
	case "ca":
		return only(code, "ca", ca.Holidays)
	case "ch":
		return holidaysCH(code)
	case "cz":
		return only(code, "cz", cz.Holidays)
	case "de":
		return holidaysDE(code)
	case "dk":
		return only(code, "dk", dk.Holidays)
	case "ecb":
		return only(code, "ecb", ecb.Holidays)
	case "es":
		return only(code, "es", es.Holidays)
	case "fr":
		return only(code, "fr", fr.Holidays)
	case "gb":
		return only(code, "gb", gb.Holidays)
	case "gr":
		return only(code, "gr", gr.Holidays)
	case "hr":
		return only(code, "hr", hr.Holidays)
	case "ie":
		return only(code, "ie", ie.Holidays)
	case "it":
		return only(code, "it", it.Holidays)
	case "jp":
		return only(code, "jp", jp.Holidays)
	case "lt":
		return only(code, "lt", lt.Holidays)
	case "lv":
		return only(code, "lv", lv.Holidays)
	case "mw":
		return only(code, "mw", mw.Holidays)
	case "nc":
		return only(code, "nc", nc.Holidays)
	case "nl":
		return only(code, "nl", nl.Holidays)
	case "no":
		return only(code, "no", no.Holidays)
	case "nz":
		return only(code, "nz", nz.Holidays)
	case "pl":
		return only(code, "pl", pl.Holidays)
	case "ro":
		return only(code, "ro", ro.Holidays)
	case "ru":
		return only(code, "ru", ru.Holidays)
	case "se":
		return only(code, "se", se.Holidays)
	case "si":
		return only(code, "si", si.Holidays)
	case "sk":
		return only(code, "sk", sk.Holidays)
	case "ua":
		return only(code, "ua", ua.Holidays)
	case "us":
		return only(code, "us", us.Holidays)
	case "za":
		return only(code, "za", za.Holidays)
	}
	return nil, false
}

// only returns set when code is want, the code of a country without regions.
func only(code, want string, set []*cal.Holiday) ([]*cal.Holiday, bool) {
	if code != want {
		return nil, false
	}
	return set, true
}

// holidaysAU returns the holiday sets of au and its regions.
func holidaysAU(code string) ([]*cal.Holiday, bool) {
	switch code {
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
	}
	return nil, false
}

// holidaysCH returns the holiday sets of ch and its regions.
func holidaysCH(code string) ([]*cal.Holiday, bool) {
	switch code {
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
	}
	return nil, false
}

// holidaysDE returns the holiday sets of de and its regions.
func holidaysDE(code string) ([]*cal.Holiday, bool) {
	switch code {
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
