using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using WellnessBot.Dialogs.Kudos;
using A = DocumentFormat.OpenXml.Drawing;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// The breakfast slides (.pptx, Open XML SDK): a title slide, then one shout-out a slide in large type, the
/// recipient's name first, the words, who it was from, and the category as a small tag. Widescreen 16:9.
/// </summary>
internal static class BreakfastSlides
{
    private const long Width = 12_192_000, Height = 6_858_000; // EMU: 13.333 × 7.5 inches
    private const string Brand = "4F52B2", Ink = "242424", Muted = "616161";

    /// <summary>
    /// A breakfast reads a few hundred shout-outs at most; past this the deck ends with a slide pointing to the
    /// spreadsheet (measured: 50,000 slides took a minute and 2 GB to write).
    /// </summary>
    public const int MaxShoutOutSlides = 300;

    public static byte[] Write(MonthlyDigest digest)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var (master, layout) = AddMasterAndLayout(presentation);
            presentation.Presentation = new Presentation(
                new SlideMasterIdList(new SlideMasterId { Id = 2147483648U, RelationshipId = presentation.GetIdOfPart(master) }),
                new SlideIdList(),
                new SlideSize { Cx = (int)Width, Cy = (int)Height },
                new NotesSize { Cx = 6_858_000, Cy = 9_144_000 });
            var slides = presentation.Presentation.SlideIdList!;
            uint id = 256;
            void Add(params Shape[] shapes)
            {
                var part = presentation.AddNewPart<SlidePart>();
                part.Slide = new Slide(new CommonSlideData(ShapeTree(shapes)), new ColorMapOverride(new A.MasterColorMapping()));
                part.AddPart(layout);
                slides.Append(new SlideId { Id = id++, RelationshipId = presentation.GetIdOfPart(part) });
            }
            Add(Text(2, "title", 900_000, 2_200_000, 1_400_000, [Run($"Shout-outs for {digest.Title}", 6000, Brand, bold: true)]),
                Text(3, "totals", 900_000, 3_700_000, 800_000, [Run($"{digest.KudosCount} shout-outs for {digest.Recipients.Count} people", 2800, Muted)]));
            var shown = 0;
            foreach (var recipient in digest.Recipients)
                foreach (var entry in recipient.Entries.TakeWhile(_ => shown++ < MaxShoutOutSlides))
                    Add(Text(2, "recipient", 700_000, 600_000, 1_100_000, [Run(recipient.Person.Name, 5400, Brand, bold: true)]),
                        Text(3, "message", 700_000, 1_900_000, 3_200_000, [Run("“" + entry.Message + "”", entry.Message.Length > 240 ? 2600 : 3600, Ink)]),
                        Text(4, "from", 700_000, 5_300_000, 600_000,
                        [
                            Run("— " + (entry.SelfHighlight ? "a self-highlight" : entry.From), 2000, Muted),
                            .. entry.Category == KudosCategory.None ? Array.Empty<A.Run>() : [Run("     " + KudosCategories.Title(entry.Category).ToUpperInvariant(), 1400, Brand, bold: true)],
                        ]));
            if (digest.KudosCount > MaxShoutOutSlides)
                Add(Text(2, "more", 900_000, 2_600_000, 1_400_000, [Run($"… and {digest.KudosCount - MaxShoutOutSlides:N0} more shout-outs: they are all in the spreadsheet", 3600, Brand)]));
        }
        return stream.ToArray();
    }

    private static ShapeTree ShapeTree(IEnumerable<Shape> shapes) => new(
        [
            new NonVisualGroupShapeProperties(new NonVisualDrawingProperties { Id = 1, Name = "" }, new NonVisualGroupShapeDrawingProperties(), new ApplicationNonVisualDrawingProperties()),
            new GroupShapeProperties(new A.TransformGroup()),
            .. shapes,
        ]);

    private static Shape Text(uint id, string name, long x, long y, long height, IEnumerable<A.Run> runs) => new(
        new NonVisualShapeProperties(new NonVisualDrawingProperties { Id = id, Name = name }, new NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }), new ApplicationNonVisualDrawingProperties()),
        new ShapeProperties(new A.Transform2D(new A.Offset { X = x, Y = y }, new A.Extents { Cx = Width - 2 * x, Cy = height })),
        new TextBody(new A.BodyProperties { Wrap = A.TextWrappingValues.Square }, new A.ListStyle(), new A.Paragraph(runs)));

    private static A.Run Run(string text, int hundredthsOfAPoint, string color, bool bold = false) => new(
        new A.RunProperties(new A.SolidFill(new A.RgbColorModelHex { Val = color })) { Language = "en-US", FontSize = hundredthsOfAPoint, Bold = bold },
        new A.Text(text));

    /// <summary>The one master and layout every slide uses, and the theme PowerPoint requires of a master.</summary>
    private static (SlideMasterPart Master, SlideLayoutPart Layout) AddMasterAndLayout(PresentationPart presentation)
    {
        var master = presentation.AddNewPart<SlideMasterPart>();
        var layout = master.AddNewPart<SlideLayoutPart>();
        layout.SlideLayout = new SlideLayout(new CommonSlideData(ShapeTree([])), new ColorMapOverride(new A.MasterColorMapping())) { Type = SlideLayoutValues.Blank };
        master.SlideMaster = new SlideMaster(
            new CommonSlideData(ShapeTree([])),
            new ColorMap { Background1 = A.ColorSchemeIndexValues.Light1, Text1 = A.ColorSchemeIndexValues.Dark1, Background2 = A.ColorSchemeIndexValues.Light2,
                Text2 = A.ColorSchemeIndexValues.Dark2, Accent1 = A.ColorSchemeIndexValues.Accent1, Accent2 = A.ColorSchemeIndexValues.Accent2,
                Accent3 = A.ColorSchemeIndexValues.Accent3, Accent4 = A.ColorSchemeIndexValues.Accent4, Accent5 = A.ColorSchemeIndexValues.Accent5,
                Accent6 = A.ColorSchemeIndexValues.Accent6, Hyperlink = A.ColorSchemeIndexValues.Hyperlink, FollowedHyperlink = A.ColorSchemeIndexValues.FollowedHyperlink },
            new SlideLayoutIdList(new SlideLayoutId { Id = 2147483649U, RelationshipId = master.GetIdOfPart(layout) }),
            new TextStyles(new TitleStyle(), new BodyStyle(), new OtherStyle()));
        var theme = master.AddNewPart<ThemePart>();
        theme.Theme = Theme();
        presentation.AddPart(theme);
        return (master, layout);
    }

    private static A.Theme Theme()
    {
        static A.Color2Type Rgb<T>(string hex) where T : A.Color2Type, new() { var c = new T(); c.Append(new A.RgbColorModelHex { Val = hex }); return c; }
        var colors = new A.ColorScheme(
            Rgb<A.Dark1Color>("000000"), Rgb<A.Light1Color>("FFFFFF"), Rgb<A.Dark2Color>(Ink), Rgb<A.Light2Color>("F5F5F5"),
            Rgb<A.Accent1Color>(Brand), Rgb<A.Accent2Color>("6264A7"), Rgb<A.Accent3Color>("8B8CC7"), Rgb<A.Accent4Color>("C43E1C"),
            Rgb<A.Accent5Color>("13A10E"), Rgb<A.Accent6Color>("CA5010"), Rgb<A.Hyperlink>("0563C1"), Rgb<A.FollowedHyperlinkColor>("954F72")) { Name = "WellnessBot" };
        var fonts = new A.FontScheme(
            new A.MajorFont(new A.LatinFont { Typeface = "Segoe UI" }, new A.EastAsianFont { Typeface = "" }, new A.ComplexScriptFont { Typeface = "" }),
            new A.MinorFont(new A.LatinFont { Typeface = "Segoe UI" }, new A.EastAsianFont { Typeface = "" }, new A.ComplexScriptFont { Typeface = "" })) { Name = "WellnessBot" };
        static A.SolidFill Fill() => new(new A.SchemeColor { Val = A.SchemeColorValues.PhColor });
        var formats = new A.FormatScheme(
            new A.FillStyleList(Fill(), Fill(), Fill()),
            new A.LineStyleList(new A.Outline(Fill()), new A.Outline(Fill()), new A.Outline(Fill())),
            new A.EffectStyleList(new A.EffectStyle(new A.EffectList()), new A.EffectStyle(new A.EffectList()), new A.EffectStyle(new A.EffectList())),
            new A.BackgroundFillStyleList(Fill(), Fill(), Fill())) { Name = "WellnessBot" };
        return new A.Theme(new A.ThemeElements(colors, fonts, formats)) { Name = "WellnessBot" };
    }
}
