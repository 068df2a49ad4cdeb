{% macro identity_sources() -%}
    {{ return(adapter.dispatch('identity_sources')()) }}
{%- endmacro %}

{% macro default__identity_sources() -%}
    {#- The enabled entries of vars cdp_identity_sources (staging models, columns already
        normalized) and cdp_custom_identity_sources (user tables, raw columns), each as a
        dict: source_name, relation, record_id, observed_at, identifiers (a list of
        {identifier_type, column}), attributes (attribute -> column), where (a filter or
        none), row_filter (record id not null and the filter), loaded_at (a column or none),
        late_arrivals (loaded_at can land later than it says), is_custom. An entry is used
        when its `enabled_var` is true (shipped sources) or its `enabled` key is not false
        (custom sources). -#}
    {%- set entries = [] -%}
    {%- for entry in var('cdp_identity_sources', []) -%}
        {%- if entry.get('enabled_var') is none or var(entry['enabled_var'], true) -%}
            {%- do entries.append(identity_source_entry(entry, false)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for entry in var('cdp_custom_identity_sources', []) or [] -%}
        {%- if entry.get('enabled', true) and (entry.get('enabled_var') is none or var(entry['enabled_var'], true)) -%}
            {%- do entries.append(identity_source_entry(entry, true)) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(entries) }}
{%- endmacro %}

{% macro identity_source_entry(entry, is_custom) -%}
    {{ return(adapter.dispatch('identity_source_entry')(entry, is_custom)) }}
{%- endmacro %}

{% macro default__identity_source_entry(entry, is_custom) -%}
    {#- One entry of the identity source vars as the dict identity_sources describes;
        stops compilation with a message naming the entry when a key is missing. -#}
    {%- set label = entry.get('source_name', '?') ~ ' (' ~ (entry.get('model') or entry.get('table') or entry.get('source') or '?') ~ ')' -%}
    {%- for key in ['source_name', 'record_id', 'observed_at'] -%}
        {%- if not entry.get(key) -%}
            {{ exceptions.raise_compiler_error("Identity source " ~ label ~ ": key '" ~ key ~ "' is required") }}
        {%- endif -%}
    {%- endfor -%}
    {%- if entry.get('model') -%}
        {%- set relation = ref(entry['model']) -%}
    {%- elif entry.get('source') -%}
        {%- set relation = source(entry['source'][0], entry['source'][1]) -%}
    {%- elif entry.get('table') -%}
        {%- set relation = api.Relation.create(
            database=entry.get('database', target.database),
            schema=entry.get('schema', target.schema),
            identifier=entry['table']
        ) -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("Identity source " ~ label ~ ": name the relation with 'model', 'source' or 'schema' + 'table'") }}
    {%- endif -%}
    {%- set identifier_types = var('cdp_identity_identifier_types') -%}
    {%- set identifiers = [] -%}
    {%- for identifier_type, columns in (entry.get('identifiers') or {}).items() -%}
        {%- if identifier_type not in identifier_types -%}
            {{ exceptions.raise_compiler_error("Identity source " ~ label ~ ": unknown identifier type '" ~ identifier_type ~ "' (declare it in cdp_identity_identifier_types)") }}
        {%- endif -%}
        {%- for column in ([columns] if columns is string else columns) -%}
            {%- do identifiers.append({'identifier_type': identifier_type, 'column': column}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set known_attributes = identity_attribute_names() -%}
    {%- for attribute in (entry.get('attributes') or {}) -%}
        {%- if attribute not in known_attributes -%}
            {{ exceptions.raise_compiler_error("Identity source " ~ label ~ ": unknown attribute '" ~ attribute ~ "' (known: " ~ known_attributes | join(', ') ~ ")") }}
        {%- endif -%}
    {%- endfor -%}
    {{ return({
        'source_name': entry['source_name'],
        'relation': relation,
        'record_id': entry['record_id'],
        'observed_at': entry['observed_at'],
        'identifiers': identifiers,
        'attributes': entry.get('attributes') or {},
        'where': entry.get('where'),
        'row_filter': entry['record_id'] ~ ' is not null' ~ (' and (' ~ entry['where'] ~ ')' if entry.get('where') else ''),
        'loaded_at': entry.get('loaded_at'),
        'late_arrivals': entry.get('late_arrivals', false),
        'is_custom': is_custom,
    }) }}
{%- endmacro %}

{% macro identity_attribute_names() -%}
    {{ return(adapter.dispatch('identity_attribute_names')()) }}
{%- endmacro %}

{% macro default__identity_attribute_names() -%}
    {#- The profile attributes an identity record carries, in int_identity__records order. -#}
    {{ return([
        'email', 'phone', 'first_name', 'last_name', 'birth_date',
        'address_line1', 'postcode', 'city', 'country_code'
    ]) }}
{%- endmacro %}
