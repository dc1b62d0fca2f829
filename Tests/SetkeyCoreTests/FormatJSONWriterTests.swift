import Testing
import SetkeyCore

@Suite struct FormatJSONWriterTests {
    @Test func emptyContainers() {
        var w = JSONWriter()
        w.beginObject()
        w.key("a")
        w.beginArray()
        w.endArray()
        w.key("b")
        w.beginObject()
        w.endObject()
        w.endObject()
        #expect(w.text == #"{"a":[],"b":{}}"#)
    }

    @Test func commasBetweenValuesOnly() {
        var w = JSONWriter()
        w.beginArray()
        w.number(UInt64(1))
        w.number(Int64(-2))
        w.bool(true)
        w.null()
        w.string("x")
        w.beginObject()
        w.field("k", UInt32(3))
        w.field("l", false)
        w.endObject()
        w.endArray()
        #expect(w.text == #"[1,-2,true,null,"x",{"k":3,"l":false}]"#)
    }

    @Test func escaping() {
        var w = JSONWriter()
        w.string("quote\" back\\ nl\n tab\t cr\r bell\u{07} del\u{7f} é")
        #expect(w.text == #""quote\" back\\ nl\n tab\t cr\r bell\u0007 del\u007f é""#)
    }

    @Test func takeTextKeepsContainersOpen() {
        var w = JSONWriter()
        w.beginArray()
        w.number(UInt64(1))
        let first = w.takeText()
        w.number(UInt64(2))
        w.endArray()
        #expect(first + w.text == "[1,2]")
    }
}
