// Primordials: the built-ins the platform's own JavaScript uses, captured before any other script
// (and long before action code) runs. Action code may replace JSON.stringify, Array.prototype.push,
// Set.prototype.has, Promise.prototype.then… in its own context; the platform's code calls only
// the copies captured here, uncurried (ArrayPrototypePush(list, x) instead of list.push(x)), so it
// behaves the same whatever the action did. Evaluated first; the executor removes the global once
// every platform script has taken what it needs.
'use strict';
(function (global) {
  const { bind, call } = Function.prototype;
  // uncurryThis(Array.prototype.push)(list, x) === list.push(x) with the original push, bound now.
  const uncurryThis = bind.bind(call);
  const ReflectApply = Reflect.apply;
  const ObjectFreeze = Object.freeze;
  const ObjectGetOwnPropertyNames = Object.getOwnPropertyNames;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;

  const P = { uncurryThis, ReflectApply };

  // Static functions, copied as they are: Object.keys → ObjectKeys, JSON.parse → JSONParse…
  function copyStatics(prefix, source, names) {
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const d = ObjectGetOwnPropertyDescriptor(source, name);
      if (d && typeof d.value === 'function') P[prefix + name[0].toUpperCase() + name.slice(1)] = d.value;
    }
  }
  // Prototype methods, uncurried: Array.prototype.join → ArrayPrototypeJoin(array, sep).
  function copyPrototype(prefix, proto) {
    const names = ObjectGetOwnPropertyNames(proto);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (name === 'constructor') continue;
      const d = ObjectGetOwnPropertyDescriptor(proto, name);
      const key = prefix + 'Prototype' + name[0].toUpperCase() + name.slice(1);
      if (typeof d.value === 'function') P[key] = uncurryThis(d.value);
      else if (typeof d.get === 'function') P[key + 'Getter'] = uncurryThis(d.get);
    }
  }

  copyStatics('Object', Object, ObjectGetOwnPropertyNames(Object));
  copyStatics('Array', Array, ['isArray', 'from', 'of']);
  copyStatics('JSON', JSON, ['parse', 'stringify']);
  copyStatics('Number', Number, ['isInteger', 'isFinite', 'isNaN', 'isSafeInteger', 'parseInt', 'parseFloat']);
  copyStatics('Math', Math, ObjectGetOwnPropertyNames(Math));
  copyStatics('String', String, ['fromCharCode', 'fromCodePoint']);
  copyStatics('Reflect', Reflect, ObjectGetOwnPropertyNames(Reflect));
  copyStatics('Date', Date, ['now']);
  copyStatics('ArrayBuffer', ArrayBuffer, ['isView']);
  copyStatics('Promise', Promise, ['resolve', 'reject', 'all', 'race', 'allSettled', 'any']);
  copyStatics('Symbol', Symbol, ['for']);
  copyPrototype('Object', Object.prototype);
  copyPrototype('Array', Array.prototype);
  copyPrototype('String', String.prototype);
  copyPrototype('Number', Number.prototype);
  copyPrototype('Map', Map.prototype);
  copyPrototype('Set', Set.prototype);
  copyPrototype('WeakMap', WeakMap.prototype);
  copyPrototype('RegExp', RegExp.prototype);
  copyPrototype('Promise', Promise.prototype);
  copyPrototype('Function', Function.prototype);
  copyPrototype('Error', Error.prototype);
  copyPrototype('Date', Date.prototype);
  copyPrototype('TypedArray', Object.getPrototypeOf(Uint8Array.prototype));
  copyPrototype('ArrayBuffer', ArrayBuffer.prototype);
  // Promise statics need their receiver.
  for (const name of ['resolve', 'reject', 'all', 'race', 'allSettled', 'any']) {
    const fn = Promise[name];
    if (typeof fn === 'function') P['Promise' + name[0].toUpperCase() + name.slice(1)] = bind.call(fn, Promise);
  }

  // Constructors and values (the bindings themselves can be replaced on globalThis; these cannot).
  const constructors = ['Object', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'Map', 'Set', 'WeakMap', 'WeakSet',
    'Promise', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'Date', 'RegExp', 'Proxy',
    'ArrayBuffer', 'Uint8Array', 'Uint16Array', 'Uint32Array', 'Int8Array', 'Int16Array', 'Int32Array', 'Float32Array',
    'Float64Array', 'DataView', 'BigInt', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI',
    'parseInt', 'parseFloat', 'isNaN', 'isFinite'];
  for (let i = 0; i < constructors.length; i++) {
    const name = constructors[i];
    if (global[name] !== undefined) P[name] = global[name];
  }
  P.SymbolIterator = Symbol.iterator;
  P.SymbolToStringTag = Symbol.toStringTag;
  P.SymbolAsyncIterator = Symbol.asyncIterator;
  P.TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  P.ArrayIteratorPrototypeNext = uncurryThis(Object.getPrototypeOf([][Symbol.iterator]()).next);
  P.MapIteratorPrototypeNext = uncurryThis(Object.getPrototypeOf(new Map()[Symbol.iterator]()).next);
  P.SetIteratorPrototypeNext = uncurryThis(Object.getPrototypeOf(new Set()[Symbol.iterator]()).next);

  // Collections whose methods cannot be swapped: own copies of the prototype methods, frozen.
  function safeClass(Base, methodNames) {
    const proto = Base.prototype;
    class Safe extends Base {}
    for (let i = 0; i < methodNames.length; i++) {
      const name = methodNames[i];
      const d = ObjectGetOwnPropertyDescriptor(proto, name);
      if (d) Object.defineProperty(Safe.prototype, name, d);
    }
    ObjectFreeze(Safe.prototype);
    ObjectFreeze(Safe);
    return Safe;
  }
  P.SafeMap = safeClass(Map, ['get', 'set', 'has', 'delete', 'clear', 'forEach', 'keys', 'values', 'entries', 'size']);
  P.SafeSet = safeClass(Set, ['add', 'has', 'delete', 'clear', 'forEach', 'values', 'size']);

  // A plain object without a prototype: property reads never reach Object.prototype.
  P.record = function record(entries) {
    const out = Object.create(null);
    if (entries) {
      const keys = Object.keys(entries);
      for (let i = 0; i < keys.length; i++) out[keys[i]] = entries[keys[i]];
    }
    return out;
  };
  // Array helpers that do not go through Array.prototype[Symbol.iterator] (for…of and spread do).
  P.arrayCopy = function arrayCopy(list) {
    const out = [];
    for (let i = 0; i < list.length; i++) P.ArrayPrototypePush(out, list[i]);
    return out;
  };

  Object.defineProperty(global, '__openactions_primordials', { value: ObjectFreeze(P), configurable: true, enumerable: false, writable: false });
})(globalThis);
