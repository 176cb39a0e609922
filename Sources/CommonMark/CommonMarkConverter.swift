import CCmark
#if canImport(Glibc)
import Glibc
#endif

/// Parses CommonMark with cmark. This file is the only place that calls cmark.
public enum CommonMark {
    /// cmark's version string, e.g. "0.30.2".
    public static var cmarkVersion: String { String(cString: cmark_version_string()) }

    /// Parses `source` into a Swift tree with source ranges.
    ///
    /// Parsing never fails: any text is a CommonMark document.
    ///
    ///     let doc = CommonMark.parse("# Hi\n")
    ///     doc.children[0].kind   // .heading(level: 1)
    ///     doc.children[0].range  // 1:1-1:4
    public static func parse(_ source: String) -> Node {
        var source = source
        return source.withUTF8 { buffer in
            let options = CMARK_OPT_SOURCEPOS
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            guard let root = cmark_parse_document(base, buffer.count, options) else {
                return Node(kind: .document, range: SourceRange(startLine: 1, startColumn: 1, endLine: 1, endColumn: 1))
            }
            defer { cmark_node_free(root) }
            return copyTree(root)
        }
    }

    /// cmark's own HTML for `source` (default options). The reference that
    /// ``HTMLFormatter`` is tested against.
    public static func cmarkHTML(_ source: String) -> String {
        var source = source
        return source.withUTF8 { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            guard let root = cmark_parse_document(base, buffer.count, CMARK_OPT_DEFAULT) else { return "" }
            defer { cmark_node_free(root) }
            guard let html = cmark_render_html(root, CMARK_OPT_DEFAULT) else { return "" }
            defer { free(html) }
            return String(cString: html)
        }
    }

    /// Walks cmark's tree with its iterator and copies it into `Node` values.
    private static func copyTree(_ root: OpaquePointer) -> Node {
        guard let iter = cmark_iter_new(root) else { return Node(kind: .document, range: range(of: root)) }
        defer { cmark_iter_free(iter) }
        // A stack of nodes being built; leaves are appended straight to their parent.
        var stack: [Node] = []
        var result: Node?
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard let cnode = cmark_iter_get_node(iter) else { continue }
            let isContainer = Self.isContainer(cmark_node_get_type(cnode))
            if event == CMARK_EVENT_ENTER {
                let node = Node(kind: kind(of: cnode), range: range(of: cnode))
                if isContainer {
                    stack.append(node)
                } else if stack.isEmpty {
                    result = node
                } else {
                    stack[stack.count - 1].children.append(node)
                }
            } else if event == CMARK_EVENT_EXIT, isContainer {
                let done = stack.removeLast()
                if stack.isEmpty { result = done } else { stack[stack.count - 1].children.append(done) }
            }
        }
        return result ?? Node(kind: .document, range: range(of: root))
    }

    private static func isContainer(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM,
             CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING,
             CMARK_NODE_CUSTOM_INLINE, CMARK_NODE_EMPH, CMARK_NODE_STRONG,
             CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            return true
        default:
            return false
        }
    }

    private static func range(of node: OpaquePointer) -> SourceRange {
        SourceRange(
            startLine: Int(cmark_node_get_start_line(node)),
            startColumn: Int(cmark_node_get_start_column(node)),
            endLine: Int(cmark_node_get_end_line(node)),
            endColumn: Int(cmark_node_get_end_column(node)))
    }

    private static func string(_ p: UnsafePointer<CChar>?) -> String {
        p.map { String(cString: $0) } ?? ""
    }

    private static func kind(of node: OpaquePointer) -> Node.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            let tight = cmark_node_get_list_tight(node) != 0
            if cmark_node_get_list_type(node) == CMARK_ORDERED_LIST {
                let delim: Character = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ")" : "."
                return .list(.ordered(start: Int(cmark_node_get_list_start(node)), delimiter: delim), tight: tight)
            }
            return .list(.bullet, tight: tight)
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_CUSTOM_BLOCK:
            return .customBlock(onEnter: string(cmark_node_get_on_enter(node)), onExit: string(cmark_node_get_on_exit(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_CUSTOM_INLINE:
            return .customInline(onEnter: string(cmark_node_get_on_enter(node)), onExit: string(cmark_node_get_on_exit(node)))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default:
            return .text("")
        }
    }
}
