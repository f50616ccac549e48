/* The page editor's "Reference marker" button (rich-text feature "citation").
 * It asks for the key of one of the page's references and inserts the marker [^key] as a
 * citation entity after the cursor. Readers see it as a numbered link to that reference.
 * Plain script, no build step: React and Draft.js come from Wagtail's admin (window.React,
 * window.DraftJS). */
(function () {
  "use strict";
  var React = window.React;
  var DraftJS = window.DraftJS;
  var KEY = /^[a-z0-9][a-z0-9-]*$/;

  function CitationSource(props) {
    React.useEffect(function () {
      var editorState = props.editorState;
      var answer = window.prompt(
        "Key of the reference to cite (as written in this page's References, e.g. spravato-label-2025):",
        ""
      );
      var key = (answer || "").trim().toLowerCase();
      if (!KEY.test(key)) {
        props.onComplete(editorState);
        return;
      }
      var content = editorState.getCurrentContent().createEntity(props.entityType.type, "IMMUTABLE", { key: key });
      var entityKey = content.getLastCreatedEntityKey();
      var selection = editorState.getSelection();
      var collapsed = selection.merge({ anchorOffset: selection.getEndOffset(), focusOffset: selection.getEndOffset(), anchorKey: selection.getEndKey(), focusKey: selection.getEndKey(), isBackward: false });
      var next = DraftJS.Modifier.insertText(content, collapsed, "[^" + key + "]", null, entityKey);
      props.onComplete(DraftJS.EditorState.push(editorState, next, "insert-characters"));
    }, []);
    return null;
  }

  function Citation(props) {
    var data = props.contentState.getEntity(props.entityKey).getData();
    return React.createElement(
      "span",
      { className: "kap-citation-marker", title: "Reference marker: " + (data.key || "") },
      props.children
    );
  }

  window.draftail.registerPlugin(
    { type: "CITATION", source: CitationSource, decorator: Citation },
    "entityTypes"
  );
})();
