"""Draws the integration's brand images into custom_components/lektrico_local/brand/.

Run with any Python that has Pillow: `python scripts/dev/draw_brand.py` (no arguments).

The design is our own, not the vendor's logo: a white charging plug with a lightning bolt
cut out of it, on a rounded square that fades from mint green to teal. The logo puts the
wordmark "Lektrico Local" beside the icon, in a mid teal that reads on light and dark themes.

Home Assistant's brand rules are followed: PNG, transparent background, trimmed (nothing
but transparency is cut off the edges), the icon square at 256 and 512 px, the logo
landscape with its shortest side 128 px (256 px for @2x). Everything is drawn four times
larger and scaled down, which gives smooth edges without anti-aliasing tricks.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[2] / "custom_components" / "lektrico_local" / "brand"

SUPERSAMPLE = 4

# Calm green-to-teal, top left to bottom right.
GRADIENT_FROM = (52, 196, 140)
GRADIENT_TO = (13, 118, 120)
PLUG = (255, 255, 255)
# Mid-tone teals: at least 3:1 against white and against Home Assistant's dark cards.
WORDMARK_BOLD = (16, 140, 125)
WORDMARK_LIGHT = (38, 160, 115)

# The icon's shapes on a 256-unit grid; draw_icon scales them.
CORNER_RADIUS = 58
PRONGS = ((94, 38, 116, 86), (140, 38, 162, 86))
PLUG_BODY = (64, 76, 192, 176)
PLUG_BODY_RADIUS = 30
NECK = ((90, 170), (166, 170), (150, 200), (106, 200))
CABLE = (115, 200, 141, 256)
BOLT = ((140, 86), (96, 136), (122, 136), (108, 170), (160, 114), (134, 114), (152, 86))

FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu
    "/usr/share/fonts/TTF",  # Arch
    "/usr/share/fonts/dejavu-sans-fonts",  # Fedora
    "/usr/local/share/fonts",
    "/Library/Fonts",  # macOS with DejaVu installed
)


def load_font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """A DejaVu font from the usual places; Pillow's own font search last."""
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    try:
        return ImageFont.truetype(name, size)
    except OSError as err:
        raise SystemExit(f"{name} not found: install DejaVu (e.g. fonts-dejavu-core)") from err


def gradient(size: int) -> Image.Image:
    """A square diagonal gradient from GRADIENT_FROM to GRADIENT_TO."""
    steps = 64
    small = Image.new("RGB", (steps, steps))
    for y in range(steps):
        for x in range(steps):
            t = (x + y) / (2 * (steps - 1))
            small.putpixel(
                (x, y),
                tuple(
                    round(a + (b - a) * t) for a, b in zip(GRADIENT_FROM, GRADIENT_TO, strict=True)
                ),
            )
    return small.resize((size, size), Image.Resampling.BICUBIC)


def draw_icon(size: int) -> Image.Image:
    """The square icon, `size` pixels wide, on a transparent background."""
    big = size * SUPERSAMPLE
    unit = big / 256

    def box(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return (rect[0] * unit, rect[1] * unit, rect[2] * unit - 1, rect[3] * unit - 1)

    def points(poly: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
        return [(x * unit, y * unit) for x, y in poly]

    tile = Image.new("L", (big, big), 0)
    ImageDraw.Draw(tile).rounded_rectangle(
        (0, 0, big - 1, big - 1), radius=CORNER_RADIUS * unit, fill=255
    )

    plug = Image.new("L", (big, big), 0)
    pen = ImageDraw.Draw(plug)
    for prong in PRONGS:
        pen.rounded_rectangle(box(prong), radius=(prong[2] - prong[0]) / 2 * unit, fill=255)
    pen.rounded_rectangle(box(PLUG_BODY), radius=PLUG_BODY_RADIUS * unit, fill=255)
    pen.polygon(points(NECK), fill=255)
    pen.rectangle(box(CABLE), fill=255)
    pen.polygon(points(BOLT), fill=0)
    # The cable leaves through the tile's bottom edge, never past it.
    plug = Image.composite(plug, Image.new("L", (big, big), 0), tile)

    icon = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    icon.paste(gradient(big), (0, 0), tile)
    icon.paste(Image.new("RGB", (big, big), PLUG), (0, 0), plug)
    return icon.resize((size, size), Image.Resampling.LANCZOS)


def draw_logo(height: int) -> Image.Image:
    """The icon with the wordmark to its right, `height` pixels tall, trimmed."""
    big = height * SUPERSAMPLE
    bold = load_font("DejaVuSans-Bold.ttf", round(big * 0.40))
    light = load_font("DejaVuSans.ttf", round(big * 0.40))
    first, second = "Lektrico", " Local"

    gap = round(big * 0.20)
    first_width = bold.getlength(first)
    width = round(big + gap + first_width + light.getlength(second)) + big // 8

    canvas = Image.new("RGBA", (width, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(canvas)
    # Centre the capitals on the icon: "L" reaches from the baseline up to the cap height.
    cap_height = -bold.getbbox("L", anchor="ls")[1]
    baseline = (big + cap_height) / 2
    pen.text((big + gap, baseline), first, font=bold, fill=WORDMARK_BOLD, anchor="ls")
    pen.text(
        (big + gap + first_width, baseline), second, font=light, fill=WORDMARK_LIGHT, anchor="ls"
    )

    logo = canvas.resize((round(width / SUPERSAMPLE), height), Image.Resampling.LANCZOS)
    logo.paste(draw_icon(height), (0, 0))
    return trim(logo)


def trim(image: Image.Image) -> Image.Image:
    """Cut off fully transparent rows and columns at the edges."""
    bbox = image.getchannel("A").getbbox()
    return image.crop(bbox) if bbox else image


def main() -> None:
    """Write icon.png, icon@2x.png, logo.png and logo@2x.png."""
    OUT.mkdir(parents=True, exist_ok=True)
    images = {
        "icon.png": draw_icon(256),
        "icon@2x.png": draw_icon(512),
        "logo.png": draw_logo(128),
        "logo@2x.png": draw_logo(256),
    }
    for name, image in images.items():
        image.save(OUT / name, optimize=True)
        print(f"{OUT / name}: {image.width}x{image.height}")


if __name__ == "__main__":
    main()
