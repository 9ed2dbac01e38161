# SPDX-License-Identifier: EUPL-1.2
"""Invented names and profiles of the demo areas. None of these is a real place.

A wijk profile: need (−1 well off … +1 much need), age shares (0–17, 12–22, 75+ in 2016), yearly
growth, offsets on the three neighbourhood scores of the Monitor Sociale Kracht (samenhang,
leefbaarheid, veiligheid) and a trend per two years, and its buurten with their population in 2016.
"""

from __future__ import annotations

from dataclasses import dataclass

# code, name; provinces are bands from west to east over the demo land.
PROVINCES = [("PV91", "Zeevenen"), ("PV92", "Duinmarken"), ("PV93", "Kleigouw")]
COROPS = [
    ("CR91", "Zeevenen-Noord", "PV91"),
    ("CR92", "Zeevenen-Zuid", "PV91"),
    ("CR93", "Duinmarken", "PV92"),
    ("CR94", "Kleigouw", "PV93"),
]
YOUTH_REGIONS = [
    ("JZ91", "Jeugdregio Zeevenen"),
    ("JZ92", "Jeugdregio Duinkust"),
    ("JZ93", "Jeugdregio Kleigouw"),
]
GGD_REGIONS = [("GG9001", "GGD Zeevenen"), ("GG9002", "GGD Duin en Klei")]

MUNICIPALITY_NAMES = [
    "Ammerzijl", "Beekerwoude", "Dalvoort", "Eemsterhout", "Friezendijk", "Gravenmeer", "Hallenbroek",
    "Kamperzand", "Lindewaard", "Meerkerkhof", "Nieuw-Ossendam", "Oosterbeemd", "Polderwijk", "Ravensloot",
    "Schuttersveen", "Tolhuizen", "Uiterdam", "Valkenmeer", "Westerhaven", "Zandhorst", "Bremerveld",
    "Dijkhuizen", "Elsenhof", "Goudenrade", "Heikamp", "Ekkelrade", "Klaverdijk", "Lindenhorst", "Maasveld",
    "Noorderzand", "Oudeweer", "Rietvoort", "Sluisdam", "Ternhout", "Vlasbroek", "Wilgendonk", "Zuiderlaan",
    "Aalsterveen", "Borgeloo", "Doornweerd", "Haverdonk",
]  # fmt: skip


@dataclass(frozen=True)
class WijkProfile:
    name: str
    need: float
    share_0_17: float
    share_12_22: float
    share_75: float
    growth: float
    neighbourhood: tuple[float, float, float]  # samenhang, leefbaarheid, veiligheid offsets
    trend: float  # change of all survey scores per two years
    buurten: tuple[tuple[str, int], ...]


WIJKEN = [
    WijkProfile(
        "Binnenstad", 0.1, 0.13, 0.11, 0.12, 0.004, (-0.3, 0.3, -0.4), 0.0,
        (("Vestingkern", 1450), ("Havenkwartier", 1600), ("Stationsbuurt", 1500), ("Singelpark", 1250)),
    ),
    WijkProfile(
        "Molenwijk", -0.2, 0.21, 0.14, 0.08, 0.002, (0.1, 0.2, 0.2), 0.02,
        (("Korenmolen", 2600), ("Watermolen", 2400), ("Molenpark", 2300), ("Poldermolen", 2200)),
    ),
    WijkProfile(
        "Schilderskwartier", 0.9, 0.23, 0.15, 0.10, 0.001, (-0.6, -0.8, -0.7), 0.06,
        (("Rembrandtbuurt", 1900), ("Vermeerbuurt", 1800), ("Mondriaanbuurt", 1700), ("Jan Steenbuurt", 1500),
         ("Frans Halsbuurt", 1300)),
    ),
    WijkProfile(
        "Tuinstad", 0.35, 0.16, 0.11, 0.15, -0.002, (0.0, -0.2, -0.1), -0.05,
        (("Rozenhof", 2100), ("Lelieveld", 2000), ("Irisbuurt", 1900), ("Tulpenhof", 1800)),
    ),
    WijkProfile(
        "Waterrijk", -0.7, 0.28, 0.12, 0.03, 0.035, (0.2, 0.4, 0.4), 0.03,
        (("Eilandenrijk", 2600), ("Kreekzijde", 2300), ("Rietzoom", 1900), ("Waterfront", 1200)),
    ),
    WijkProfile(
        "Kern Vliethoven", -0.4, 0.21, 0.14, 0.10, 0.003, (0.7, 0.5, 0.6), 0.0,
        (("Vliethoven-Dorp", 2100), ("Vliethoven-West", 1700), ("Vlietpolder", 800)),
    ),
    WijkProfile(
        "Kern Hazelaar", -0.3, 0.19, 0.13, 0.12, 0.001, (0.8, 0.4, 0.7), -0.02,
        (("Hazelaar-Centrum", 1600), ("Hazelaar-Oost", 1450), ("Hazelaarse Weide", 350)),
    ),
    WijkProfile(
        "Buitengebied en De Poort", -0.2, 0.18, 0.13, 0.09, 0.0, (0.5, 0.3, 0.3), 0.0,
        (("Bedrijventerrein De Poort", 60), ("Polder Noord", 1000), ("Polder Zuid", 840)),
    ),
]  # fmt: skip
