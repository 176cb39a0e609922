/// How a symbol command becomes MathML, and its TeX class (which drives spacing and limits).
enum SymbolClass {
    case letter      // <mi>, italic when a single letter (Greek lowercase)
    case upright     // <mi mathvariant="normal"> (uppercase Greek, ∂, ∇)
    case ord         // <mi> for symbols that never italicize (∞, ℓ, ∅)
    case ordOperator // <mo> with ordinary spacing (∀, ¬, …)
    case bin, rel, punct
    case open, close // delimiters: <mo stretchy="false">
    case largeOp     // limits below/above in display style
    case integral    // limits at the side unless \limits
}

struct Symbol {
    var text: String
    var kind: SymbolClass
}

let symbols: [String: Symbol] = {
    var t: [String: Symbol] = [:]
    func add(_ kind: SymbolClass, _ pairs: [(String, String)]) {
        for (name, text) in pairs { t[name] = Symbol(text: text, kind: kind) }
    }
    add(.letter, [
        ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("epsilon", "ϵ"), ("varepsilon", "ε"),
        ("zeta", "ζ"), ("eta", "η"), ("theta", "θ"), ("vartheta", "ϑ"), ("iota", "ι"), ("kappa", "κ"),
        ("varkappa", "ϰ"), ("lambda", "λ"), ("mu", "μ"), ("nu", "ν"), ("xi", "ξ"), ("omicron", "ο"), ("pi", "π"),
        ("varpi", "ϖ"), ("rho", "ρ"), ("varrho", "ϱ"), ("sigma", "σ"), ("varsigma", "ς"), ("tau", "τ"),
        ("upsilon", "υ"), ("phi", "ϕ"), ("varphi", "φ"), ("chi", "χ"), ("psi", "ψ"), ("omega", "ω"),
        ("imath", "ı"), ("jmath", "ȷ"),
    ])
    add(.upright, [
        ("Gamma", "Γ"), ("Delta", "Δ"), ("Theta", "Θ"), ("Lambda", "Λ"), ("Xi", "Ξ"), ("Pi", "Π"),
        ("Sigma", "Σ"), ("Upsilon", "Υ"), ("Phi", "Φ"), ("Psi", "Ψ"), ("Omega", "Ω"),
        ("nabla", "∇"), ("partial", "∂"),
    ])
    add(.ord, [
        ("infty", "∞"), ("ell", "ℓ"), ("hbar", "ℏ"), ("hslash", "ℏ"), ("emptyset", "∅"), ("varnothing", "∅"),
        ("Re", "ℜ"), ("Im", "ℑ"), ("aleph", "ℵ"), ("wp", "℘"), ("top", "⊤"), ("bot", "⊥"), ("angle", "∠"),
        ("triangle", "△"), ("Box", "□"), ("checkmark", "✓"), ("S", "§"), ("P", "¶"),
        ("dagger", "†"), ("ddagger", "‡"), ("complement", "∁"),
    ])
    add(.ordOperator, [
        ("forall", "∀"), ("exists", "∃"), ("nexists", "∄"), ("neg", "¬"), ("lnot", "¬"), ("prime", "′"),
        ("ldots", "…"), ("dots", "…"), ("dotsc", "…"), ("dotso", "…"), ("cdots", "⋯"), ("dotsb", "⋯"),
        ("dotsm", "⋯"), ("dotsi", "⋯"), ("vdots", "⋮"), ("ddots", "⋱"), ("backslash", "\\"),
        ("%", "%"), ("#", "#"), ("&", "&"), ("_", "_"), ("$", "$"), ("sharp", "♯"), ("flat", "♭"),
    ])
    add(.bin, [
        ("pm", "±"), ("mp", "∓"), ("times", "×"), ("div", "÷"), ("cdot", "⋅"), ("ast", "∗"), ("star", "⋆"),
        ("circ", "∘"), ("bullet", "∙"), ("oplus", "⊕"), ("ominus", "⊖"), ("otimes", "⊗"), ("oslash", "⊘"),
        ("odot", "⊙"), ("cup", "∪"), ("cap", "∩"), ("sqcup", "⊔"), ("sqcap", "⊓"), ("uplus", "⊎"),
        ("setminus", "∖"), ("wedge", "∧"), ("land", "∧"), ("vee", "∨"), ("lor", "∨"), ("diamond", "⋄"),
        ("amalg", "⨿"), ("wr", "≀"), ("intercal", "⊺"), ("bigtriangleup", "△"), ("bigtriangledown", "▽"),
    ])
    add(.rel, [
        ("leq", "≤"), ("le", "≤"), ("geq", "≥"), ("ge", "≥"), ("neq", "≠"), ("ne", "≠"), ("leqslant", "⩽"),
        ("geqslant", "⩾"), ("ll", "≪"), ("gg", "≫"), ("lesssim", "≲"), ("gtrsim", "≳"), ("approx", "≈"),
        ("sim", "∼"), ("simeq", "≃"), ("cong", "≅"), ("equiv", "≡"), ("propto", "∝"), ("asymp", "≍"),
        ("doteq", "≐"), ("triangleq", "≜"), ("coloneqq", "≔"), ("eqqcolon", "≕"), ("in", "∈"), ("notin", "∉"),
        ("ni", "∋"), ("subset", "⊂"), ("subseteq", "⊆"), ("subsetneq", "⊊"), ("supset", "⊃"),
        ("supseteq", "⊇"), ("sqsubseteq", "⊑"), ("sqsupseteq", "⊒"), ("prec", "≺"), ("succ", "≻"),
        ("preceq", "⪯"), ("succeq", "⪰"), ("perp", "⊥"), ("parallel", "∥"), ("mid", "∣"), ("nmid", "∤"),
        ("models", "⊨"), ("vdash", "⊢"), ("dashv", "⊣"), ("to", "→"), ("rightarrow", "→"),
        ("leftarrow", "←"), ("gets", "←"), ("leftrightarrow", "↔"), ("Rightarrow", "⇒"), ("Leftarrow", "⇐"),
        ("Leftrightarrow", "⇔"), ("implies", "⟹"), ("impliedby", "⟸"), ("iff", "⟺"), ("mapsto", "↦"),
        ("longmapsto", "⟼"), ("longrightarrow", "⟶"), ("longleftarrow", "⟵"), ("longleftrightarrow", "⟷"),
        ("Longrightarrow", "⟹"), ("Longleftarrow", "⟸"), ("Longleftrightarrow", "⟺"), ("uparrow", "↑"),
        ("downarrow", "↓"), ("updownarrow", "↕"), ("Uparrow", "⇑"), ("Downarrow", "⇓"),
        ("hookrightarrow", "↪"), ("hookleftarrow", "↩"), ("nearrow", "↗"), ("searrow", "↘"),
        ("nwarrow", "↖"), ("swarrow", "↙"), ("rightleftharpoons", "⇌"), ("leadsto", "⇝"),
        ("rightharpoonup", "⇀"), ("leftharpoonup", "↼"), ("nleq", "≰"), ("ngeq", "≱"), ("nsim", "≁"),
        ("ncong", "≇"), ("nsubseteq", "⊈"), ("bowtie", "⋈"), ("smile", "⌣"), ("frown", "⌢"),
        ("therefore", "∴"), ("because", "∵"), ("twoheadrightarrow", "↠"),
    ])
    add(.punct, [("colon", ":"), ("ldotp", "."), ("cdotp", "⋅")])
    add(.open, [
        ("{", "{"), ("lbrace", "{"), ("langle", "⟨"), ("lvert", "|"), ("lVert", "‖"), ("lfloor", "⌊"),
        ("lceil", "⌈"), ("lbrack", "["), ("llbracket", "⟦"),
    ])
    add(.close, [
        ("}", "}"), ("rbrace", "}"), ("rangle", "⟩"), ("rvert", "|"), ("rVert", "‖"), ("rfloor", "⌋"),
        ("rceil", "⌉"), ("rbrack", "]"), ("rrbracket", "⟧"),
    ])
    add(.ordOperator, [("|", "‖"), ("Vert", "‖"), ("vert", "|")])
    add(.largeOp, [
        ("sum", "∑"), ("prod", "∏"), ("coprod", "∐"), ("bigcup", "⋃"), ("bigcap", "⋂"), ("bigsqcup", "⨆"),
        ("bigoplus", "⨁"), ("bigotimes", "⨂"), ("bigodot", "⨀"), ("biguplus", "⨄"), ("bigvee", "⋁"),
        ("bigwedge", "⋀"),
    ])
    add(.integral, [("int", "∫"), ("iint", "∬"), ("iiint", "∭"), ("oint", "∮"), ("intop", "∫")])
    return t
}()

/// Named functions: upright names with a thin space before their argument. The Bool says
/// whether limits go under the name in display style (`\lim`, `\max`) or at its side (`\log`).
let namedFunctions: [String: (text: String, limits: Bool)] = {
    var t: [String: (text: String, limits: Bool)] = [:]
    for name in ["arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "dim", "exp",
                 "hom", "ker", "lg", "ln", "log", "sec", "sin", "sinh", "tan", "tanh", "sgn", "tr", "Tr"] {
        t[name] = (name, false)
    }
    for name in ["det", "gcd", "inf", "lim", "max", "min", "Pr", "sup"] { t[name] = (name, true) }
    t["liminf"] = ("lim inf", true)
    t["limsup"] = ("lim sup", true)
    t["argmax"] = ("arg max", true)
    t["argmin"] = ("arg min", true)
    return t
}()

/// Spacing commands and their widths in em.
let spacing: [String: String] = [
    ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em", "medspace": "0.2222em",
    ";": "0.2778em", "thickspace": "0.2778em", "!": "-0.1667em", "negthinspace": "-0.1667em",
    "negmedspace": "-0.2222em", "negthickspace": "-0.2778em", " ": "0.25em", "quad": "1em", "qquad": "2em",
    "enspace": "0.5em",
]

/// Accents over (or under) their argument: the mark, whether it stretches, whether it goes under.
let accents: [String: (mark: String, stretchy: Bool, under: Bool)] = [
    "hat": ("^", false, false), "widehat": ("\u{302}", true, false), "check": ("ˇ", false, false),
    "widecheck": ("\u{30C}", true, false), "tilde": ("~", false, false), "widetilde": ("\u{303}", true, false),
    "bar": ("‾", false, false), "vec": ("→", false, false),
    "overrightarrow": ("→", true, false), "overleftarrow": ("←", true, false),
    "overleftrightarrow": ("↔", true, false), "dot": ("˙", false, false), "ddot": ("¨", false, false),
    "dddot": ("⃛", false, false), "acute": ("´", false, false), "grave": ("`", false, false),
    "breve": ("˘", false, false), "mathring": ("˚", false, false),     "underrightarrow": ("→", true, true), "underleftarrow": ("←", true, true),
]

/// Sizes of the `\big` family.
let bigSizes: [String: String] = {
    var t: [String: String] = [:]
    for (base, size) in [("big", "1.2em"), ("Big", "1.623em"), ("bigg", "2.047em"), ("Bigg", "2.470em")] {
        for suffix in ["", "l", "r", "m"] { t[base + suffix] = size }
    }
    return t
}()

/// Delimiters accepted after `\left`, `\right`, `\middle` and the `\big` family.
let delimiterCommands: [String: String] = [
    "{": "{", "}": "}", "lbrace": "{", "rbrace": "}", "langle": "⟨", "rangle": "⟩", "vert": "|", "lvert": "|",
    "rvert": "|", "|": "‖", "Vert": "‖", "lVert": "‖", "rVert": "‖", "lfloor": "⌊", "rfloor": "⌋",
    "lceil": "⌈", "rceil": "⌉", "lbrack": "[", "rbrack": "]", "backslash": "∖", "uparrow": "↑",
    "downarrow": "↓", "updownarrow": "↕", "Uparrow": "⇑", "Downarrow": "⇓", "llbracket": "⟦",
    "rrbracket": "⟧", "mid": "∣",
]
let delimiterChars: Set<Unicode.Scalar> = ["(", ")", "[", "]", "|", "/", "<", ">"]

/// Environments the parser knows, for suggestions.
let environmentNames = [
    "aligned", "align", "align*", "gathered", "gather", "gather*", "equation", "equation*", "split",
    "cases", "dcases", "rcases", "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix",
    "array", "subarray",
]
