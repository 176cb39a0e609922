import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses CommonMark with cmark. This file is the only place that calls cmark.
public enum CommonMark {
    /// Parses `source` into a Swift tree with source ranges; returns the document node.
    ///
    /// Parsing never fails: any text is a CommonMark document. Node indices are
    /// 32-bit, so `source` must be under 1 GiB (a precondition).
    ///
    ///     let doc = CommonMark.parse("# Hi\n")
    ///     doc.children[0].kind   // .heading(level: 1)
    ///     doc.children[0].range  // 1:1-1:4
    public static func parse(_ source: String) -> Node {
        var source = source
        let tree = source.withUTF8 { buffer in
            precondition(buffer.count < 1 << 30, "CommonMark.parse reads documents under 1 GiB")
            // cmark's allocations come from an arena and go with it, once the tree is copied out:
            // the parser and its tree are never freed piece by piece.
            return ParseArena.withAllocator { mem in
                guard let parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS, mem) else { return Tree.empty }
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
                guard let root = cmark_parser_finish(parser) else { return Tree.empty }
                return copyTree(root, sizeHint: buffer.count)
            }
        }
        return Node(tree: tree, index: 0)
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

    /// Walks cmark's tree once, depth first, and copies it: one record per node in
    /// document order, then each node's children gathered into one list.
    private static func copyTree(_ root: OpaquePointer, sizeHint: Int) -> Tree {
        var records: [Tree.Record] = []
        records.reserveCapacity(sizeHint / 12)
        var text: [UInt8] = []
        text.reserveCapacity(sizeHint + sizeHint / 8)
        var node: OpaquePointer? = root
        var parent: Int32 = -1
        while let current = node {
            let index = Int32(records.count)
            records.append(record(of: current, type: cmark_node_get_type(current), parent: parent, text: &text))
            if parent >= 0 { records[Int(parent)].childCount += 1 }
            // Down to the first child, else along to the next sibling, else up until there is one.
            if let child = cmark_node_first_child(current) {
                parent = index
                node = child
                continue
            }
            var at: OpaquePointer? = current
            node = nil
            while let here = at, here != root {
                if let next = cmark_node_next(here) {
                    node = next
                    break
                }
                at = cmark_node_parent(here)
                parent = parent >= 0 ? records[Int(parent)].parent : -1
            }
        }
        return Tree(linking: records, text: text)
    }

    /// The record of one cmark node; its strings are appended to `text`.
    private static func record(of node: OpaquePointer, type: cmark_node_type, parent: Int32,
                               text: inout [UInt8]) -> Tree.Record {
        func append(_ p: UnsafePointer<CChar>?) -> Range<Int> {
            let start = text.count
            if let p {
                p.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
                    text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: strlen(p)))
                }
            }
            return start..<text.count
        }
        var r = Tree.Record(type: .document,
                            startLine: cmark_node_get_start_line(node), startColumn: cmark_node_get_start_column(node),
                            endLine: cmark_node_get_end_line(node), endColumn: cmark_node_get_end_column(node),
                            parent: parent)
        switch type {
        case CMARK_NODE_DOCUMENT: r.type = .document
        case CMARK_NODE_BLOCK_QUOTE: r.type = .blockQuote
        case CMARK_NODE_LIST:
            r.type = .list
            if cmark_node_get_list_tight(node) != 0 { r.flags |= 1 }
            if cmark_node_get_list_type(node) == CMARK_ORDERED_LIST {
                r.flags |= 2
                r.number = cmark_node_get_list_start(node)
                if cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM { r.flags |= 4 }
            }
        case CMARK_NODE_ITEM: r.type = .item
        case CMARK_NODE_CODE_BLOCK:
            r.type = .codeBlock
            r.first = append(cmark_node_get_fence_info(node))
            r.second = append(cmark_node_get_literal(node))
        case CMARK_NODE_HTML_BLOCK: r.type = .htmlBlock; r.first = append(cmark_node_get_literal(node))
        case CMARK_NODE_CUSTOM_BLOCK:
            r.type = .customBlock
            r.first = append(cmark_node_get_on_enter(node))
            r.second = append(cmark_node_get_on_exit(node))
        case CMARK_NODE_PARAGRAPH: r.type = .paragraph
        case CMARK_NODE_HEADING: r.type = .heading; r.number = cmark_node_get_heading_level(node)
        case CMARK_NODE_THEMATIC_BREAK: r.type = .thematicBreak
        case CMARK_NODE_TEXT: r.type = .text; r.first = append(cmark_node_get_literal(node))
        case CMARK_NODE_SOFTBREAK: r.type = .softBreak
        case CMARK_NODE_LINEBREAK: r.type = .lineBreak
        case CMARK_NODE_CODE: r.type = .code; r.first = append(cmark_node_get_literal(node))
        case CMARK_NODE_HTML_INLINE: r.type = .htmlInline; r.first = append(cmark_node_get_literal(node))
        case CMARK_NODE_CUSTOM_INLINE:
            r.type = .customInline
            r.first = append(cmark_node_get_on_enter(node))
            r.second = append(cmark_node_get_on_exit(node))
        case CMARK_NODE_EMPH: r.type = .emphasis
        case CMARK_NODE_STRONG: r.type = .strong
        case CMARK_NODE_LINK:
            r.type = .link
            r.first = append(cmark_node_get_url(node))
            r.second = append(cmark_node_get_title(node))
        case CMARK_NODE_IMAGE:
            r.type = .image
            r.first = append(cmark_node_get_url(node))
            r.second = append(cmark_node_get_title(node))
        default:
            r.type = .text  // a type this cmark does not make: empty text
        }
        return r
    }
}
