// cytoscape-fcose and cytoscape-svg ship no types: each is a cytoscape extension (cytoscape.use(it)).
declare module 'cytoscape-fcose' {
  const extension: cytoscape.Ext;
  export default extension;
}
declare module 'cytoscape-svg' {
  const extension: cytoscape.Ext;
  export default extension;
}
