"""Writes N incidents as CSV in the export's format, with the demo municipality's names."""
import random
import sys

n = int(sys.argv[1])
rng = random.Random(2023196)
towns = {
    "Norrtälje": ["Busstationen", "Societetsparken", "Lommarskolan", "Torget"],
    "Rimbo": ["Rimbo centrum", "Idrottsplatsen", "Pendlarparkeringen", "Ekebyskolan"],
    "Hallstavik": ["Folkets hus", "Badplatsen", "Järnvägsstationen", "Skolgården"],
}
categories = ["Skadegörelse", "Klotter", "Nedskräpning", "Ordningsstörning", "Brand"]
orgs = ["Polisen Norrtälje", "Utbildningsförvaltningen"]
out = sys.stdout
out.write("\ufeffid;tid;vecka;område;plats;kategori;organisation;unga_inblandade;fysisk_miljö;efteranmäld;beskrivning\r\n")
for i in range(n):
    town = rng.choice(list(towns))
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    out.write(
        f";2025-{month:02d}-{day:02d} {rng.randrange(24):02d}:{rng.randrange(60):02d};;{town};"
        f"{rng.choice(towns[town])};{rng.choice(categories)};{rng.choice(orgs)};"
        f"{rng.choice(['ja', 'nej'])};nej;nej;Krossad ruta och glas på marken, rad {i}.\r\n"
    )
