import { AttributeType, decodeModel, encodeModel, TensorDataType, type ModelProto } from './onnx-proto';

describe('onnx-proto', () => {
  const model: ModelProto = {
    ir_version: 8,
    opset_import: [{ domain: 'ai.onnx.ml', version: 3 }],
    producer_name: 'test',
    graph: {
      name: 'g',
      node: [{ op_type: 'Exp', name: 'e', input: ['x'], output: ['y'], attribute: [{ name: 'k', type: AttributeType.INTS, ints: [1, 2] }] }],
      input: [{ name: 'x', type: { tensor_type: { elem_type: TensorDataType.FLOAT, shape: { dim: [{ dim_param: 'N' }, { dim_value: 3 }] } } } }],
      output: [],
      initializer: [{ name: 'c', dims: [], data_type: TensorDataType.FLOAT, float_data: [-Infinity] }],
    },
    metadata_props: [{ key: 'k', value: 'v' }],
  };

  it('round-trips a model', () => {
    const decoded = decodeModel(encodeModel(model));
    expect(decoded).toMatchObject({ ir_version: 8, producer_name: 'test', metadata_props: [{ key: 'k', value: 'v' }] });
    expect(decoded.graph.node[0]).toMatchObject({ op_type: 'Exp', input: ['x'], attribute: [{ name: 'k', ints: [1, 2] }] });
    expect(decoded.graph.input[0]?.type.tensor_type.shape.dim).toEqual([{ dim_param: 'N' }, { dim_value: 3 }]);
    expect(decoded.graph.initializer?.[0]?.float_data).toEqual([-Infinity]);
  });

  it('uses the field numbers of onnx.proto', () => {
    // ir_version is field 1 (varint), metadata_props field 14 (length-delimited).
    expect(encodeModel({ ...model, opset_import: [], producer_name: '', metadata_props: [] } as ModelProto)[0]).toBe((1 << 3) | 0);
    const onlyMetadata = encodeModel({ metadata_props: [{ key: 'a', value: 'b' }] } as unknown as ModelProto);
    expect(Array.from(onlyMetadata)).toEqual([(14 << 3) | 2, 6, (1 << 3) | 2, 1, 0x61, (2 << 3) | 2, 1, 0x62]);
  });
});
