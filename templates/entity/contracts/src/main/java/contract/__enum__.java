package ${package}.contract;

/** ${enum.name} of a ${entity}: one of ${enum.valueList}. */
public enum ${enum.name} {
#foreach($v in $enum.values)
    ${v}#if($foreach.hasNext),#end
#end
}
