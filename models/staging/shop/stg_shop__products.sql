with

source as (

    select * from {{ source('shop', 'products') }}

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as product_id,

        ---------- strings
        nullif(trim(title), '') as product_title,
        nullif(trim(product_type), '') as product_type,
        nullif(trim(vendor), '') as vendor,
        lower(nullif(trim(handle), '')) as product_handle,
        lower(nullif(trim(status), '')) as product_status,

        ---------- timestamps
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at

    from source

)

select * from renamed
