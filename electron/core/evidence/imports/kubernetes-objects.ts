// Splits parsed Kubernetes input into objects: several YAML documents (`---`), a List
// (`kubectl get … -o yaml` of several objects: kind List or FooList with items), or one
// object. Empty documents are dropped.

import { isDict, listAt, stringAt, type Dict } from './untrusted-values';

export interface KubernetesObject {
  /** Where it is in the input, for citing it: "document 2", "document 1, item 3". */
  label: string;
  /** The same place as numbers (from 1), for a source said in the reader's language. */
  document: number;
  item: number | null;
  kind: string | null;
  name: string | null;
  namespace: string | null;
  object: Dict;
}

function summarize(document: number, item: number | null, object: Dict): KubernetesObject {
  return {
    label: item === null ? `document ${document}` : `document ${document}, item ${item}`,
    document,
    item,
    kind: stringAt(object, 'kind'),
    name: stringAt(object, 'metadata', 'name'),
    namespace: stringAt(object, 'metadata', 'namespace'),
    object,
  };
}

/** The objects of every document, list items in place of their list. */
export function kubernetesObjects(documents: readonly unknown[]): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  documents.forEach((document, index) => {
    if (!isDict(document)) return;
    const kind = stringAt(document, 'kind');
    if (kind === null || !/List$/.test(kind) || !Array.isArray(document.items)) {
      objects.push(summarize(index + 1, null, document));
      return;
    }
    listAt(document, 'items').forEach((item, itemIndex) => {
      if (isDict(item)) objects.push(summarize(index + 1, itemIndex + 1, item));
    });
  });
  return objects;
}

/** "Deployment twingate/connector" for messages and sources. */
export function objectTitle(object: Pick<KubernetesObject, 'kind' | 'name' | 'namespace'>): string {
  const name = object.name === null ? '(unnamed)' : object.namespace ? `${object.namespace}/${object.name}` : object.name;
  return `${object.kind ?? 'object'} ${name}`;
}
